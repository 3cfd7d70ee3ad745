/** The participant list's URL filter, and small guards for actions that take ids from the form. */
export const PROFESSION_VALUES = ["gp", "physio", "other"] as const;
export const STATUS_VALUES = ["confirmed", "waitlisted", "cancelled", "withdrawn"] as const;

export type ParticipantFilter = {
  profession?: (typeof PROFESSION_VALUES)[number];
  status?: (typeof STATUS_VALUES)[number];
  municipality?: string;
};

export function parseFilter(url: URL): ParticipantFilter {
  const p = url.searchParams;
  const profession = p.get("profession") ?? "";
  const status = p.get("status") ?? "";
  return {
    profession: (PROFESSION_VALUES as readonly string[]).includes(profession) ? (profession as ParticipantFilter["profession"]) : undefined,
    status: (STATUS_VALUES as readonly string[]).includes(status) ? (status as ParticipantFilter["status"]) : undefined,
    municipality: p.get("municipality")?.slice(0, 200) || undefined,
  };
}

export function badRequestUnless(ok: boolean): asserts ok {
  if (!ok) throw new Response("Bad Request", { status: 400 });
}
export function notFoundUnless(ok: boolean): asserts ok {
  if (!ok) throw new Response("Not Found", { status: 404 });
}
