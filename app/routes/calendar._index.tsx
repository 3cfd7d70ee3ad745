/** /calendar: the logged-in person's calendar subscription, evenings and single-evening downloads. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Heading, Paragraph, Tag } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { PersonalCalendarSubscribe } from "~/components/calendar-subscribe";
import { myCalendarEvenings, personalFeedLinks, regenerateFeedToken } from "~/models/calendar.server";
import { getFixedT } from "~/i18next.server";
import { appUrl } from "~/utils/env.server";
import { requireUser } from "~/utils/permissions.server";
import { safeRedirect } from "~/utils/redirect";
import { formatEveningTime } from "~/utils/time";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Kalender – Knutepunkt" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return {
    links: personalFeedLinks(user.id, appUrl()),
    evenings: myCalendarEvenings(user.id).map((e) => ({ ...e, startsAt: e.startsAt.getTime(), endsAt: e.endsAt.getTime() })),
  };
}

const ActionSchema = z.object({ intent: z.literal("regenerate"), redirectTo: z.string().max(200).optional() });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  regenerateFeedToken(user.id);
  const t = await getFixedT(user.locale);
  return redirectWithToast(safeRedirect(parsed.data.redirectTo, "/calendar"), {
    kind: "success",
    message: t("calendar.subscribe.regenerated"),
  });
}

export default function CalendarPage() {
  const { t, i18n } = useTranslation();
  const { links, evenings } = useLoaderData<typeof loader>();
  return (
    <div className="stack" style={{ maxWidth: "48rem" }}>
      <Heading level={1} data-size="lg">
        {t("calendar.page.title")}
      </Heading>
      <PersonalCalendarSubscribe links={links} redirectTo="/calendar" />
      <section className="stack-sm" aria-labelledby="my-evenings">
        <Heading level={2} data-size="md" id="my-evenings">
          {t("calendar.page.evenings")}
        </Heading>
        {evenings.length === 0 ? (
          <Paragraph>{t("calendar.page.noCohorts")}</Paragraph>
        ) : (
          <ul className="stack-sm" style={{ paddingLeft: "1.25rem" }}>
            {evenings.map((e) => (
              <li key={e.id}>
                <strong>{`Knutepunkt ${e.number}: ${e.theme}`}</strong> — {formatEveningTime(e.startsAt, e.endsAt, i18n.language)} ({e.cohortTitle}){" "}
                {e.status === "cancelled" ? <Tag data-color="danger">{t("calendar.page.cancelled")}</Tag> : null}{" "}
                <a href={`/cohorts/${encodeURIComponent(e.slug)}/evenings/${e.number}.ics`} download>
                  {t("calendar.subscribe.downloadEvening", { number: e.number })}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
