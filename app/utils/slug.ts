/** A cohort address from its title: "Stjørdal Høst 2027" → "stjordal-host-2027" (æ→ae, ø→o, å→a). */
import slugify from "slugify";

// slugify's default character map writes æ, ø and å as ae, o and a (its "nb" locale would give oe and aa).
export function suggestSlug(title: string) {
  return slugify(title, { lower: true, strict: true }).slice(0, 80).replace(/-+$/, "");
}
