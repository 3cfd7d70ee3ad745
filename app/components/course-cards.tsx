import { Link } from "react-router";
import { fixedPageTexts } from "~/utils/texts";

/** A course card as the loaders send it (`courseCards` in app/models/cohorts.server.ts). */
export type CourseCardData = {
  id: number;
  slug: string;
  title: string;
  siteName: string;
  startsOn: string | null;
  opensOn: string | null;
};

const useCardTexts = fixedPageTexts((t) => ({
  firstEvening: t("courses.card.firstEvening"),
  opens: t("courses.card.opens"),
}));

/**
 * The open courses as cards, each a link to the course page: title, place, first evening, and when
 * registration opens if it has not yet. Used by the front page (under its h2) and /courses (under its h1).
 */
export function CourseCards({ courses, headingLevel = 3 }: { courses: CourseCardData[]; headingLevel?: 2 | 3 }) {
  const texts = useCardTexts();
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="grid-cards course-list" data-testid="course-cards">
      {/* Plain elements with the classes Card (asChild), Heading and Paragraph put on them: the same markup, cheaper per card. */}
      {courses.map((c) => (
        <li key={c.id}>
          <Link to={`/cohorts/${c.slug}`} className="ds-card">
            <H className="ds-heading" data-size="xs">
              {c.title}
            </H>
            <p className="ds-paragraph">
              {c.siteName}
              {c.startsOn ? (
                <>
                  <br />
                  {`${texts.firstEvening} ${c.startsOn}`}
                </>
              ) : null}
              {c.opensOn ? (
                <>
                  <br />
                  {`${texts.opens} ${c.opensOn}`}
                </>
              ) : null}
            </p>
          </Link>
        </li>
      ))}
    </ul>
  );
}
