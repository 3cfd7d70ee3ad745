/** /calendar: the logged-in person's calendar subscription, evenings and single-evening downloads. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { Form, useLoaderData } from "react-router";
import { Button, Fieldset, Heading, Paragraph, Radio, Tag } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { PersonalCalendarSubscribe } from "~/components/calendar-subscribe";
import { myCalendarEvenings, personalFeedLinks, regenerateFeedToken, setCalendarAlarm } from "~/models/calendar.server";
import { CALENDAR_ALARMS } from "../../db/enums";
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
    alarm: user.calendarAlarm,
    evenings: myCalendarEvenings(user.id).map((e) => ({ ...e, startsAt: e.startsAt.getTime(), endsAt: e.endsAt.getTime() })),
  };
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("regenerate"), redirectTo: z.string().max(200).optional() }),
  z.object({ intent: z.literal("alarm"), alarm: z.enum(CALENDAR_ALARMS) }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  const t = await getFixedT(user.locale);
  if (parsed.data.intent === "alarm") {
    setCalendarAlarm(user.id, parsed.data.alarm);
    return redirectWithToast("/calendar", { kind: "success", message: t("calendar.alarm.saved") });
  }
  regenerateFeedToken(user.id);
  return redirectWithToast(safeRedirect(parsed.data.redirectTo, "/calendar"), {
    kind: "success",
    message: t("calendar.subscribe.regenerated"),
  });
}

export default function CalendarPage() {
  const { t, i18n } = useTranslation();
  const { links, alarm, evenings } = useLoaderData<typeof loader>();
  return (
    <div className="stack" style={{ maxWidth: "48rem" }}>
      <Heading level={1} data-size="lg">
        {t("calendar.page.title")}
      </Heading>
      <PersonalCalendarSubscribe links={links} redirectTo="/calendar" />
      <Form method="post" className="stack-sm">
        <input type="hidden" name="intent" value="alarm" />
        <Fieldset>
          <Fieldset.Legend>{t("calendar.alarm.legend")}</Fieldset.Legend>
          <Fieldset.Description>{t("calendar.alarm.description")}</Fieldset.Description>
          {CALENDAR_ALARMS.map((a) => (
            <Radio key={a} name="alarm" value={a} label={t(`calendar.alarm.${a}`)} defaultChecked={alarm === a} />
          ))}
        </Fieldset>
        <div>
          <Button type="submit" variant="secondary">
            {t("calendar.alarm.save")}
          </Button>
        </div>
      </Form>
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
