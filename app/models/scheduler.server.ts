/**
 * The in-process scheduler (croner): every 5 minutes it opens closed surveys' sealed anonymous answers and
 * queues due notifications, every minute it delivers
 * the outbox through SMTP. Both are safe to run repeatedly and after restarts (dedupe keys, outbox status),
 * and `protect` stops a slow run from overlapping the next one. server/index.ts starts it unless
 * DISABLE_SCHEDULER=true.
 *
 * server/index.ts takes startScheduler from the server build (app/entry.server.tsx re-exports it). A
 * capability that adds a job with `registerNotificationJob` (e.g. survey reminders) registers it here, so the
 * job exists before the first run whichever routes have been loaded.
 */
import { Cron } from "croner";
import { log } from "../utils/log.server";
import { deliverPendingEmails } from "./notifications.server";
import { registerNotificationJob, runDueNotifications } from "./reminders.server";
import { openSealedAnswersOfClosedSurveys } from "./surveys/answering.server";
import { remindOpenSurveys } from "./surveys/reminders.server";
import { scheduleFollowUpSurveys } from "./surveys/follow-up.server";
import { remindStaleOffers } from "./offers/offers.server";

// Cohorts whose last evening is over get their six-month follow-up survey. Registered before the survey
// reminders so that, once it opens, the same tick already invites everyone. It queues no e-mail itself.
registerNotificationJob("follow-up-surveys", async (now) => {
  const created = await scheduleFollowUpSurveys(now);
  if (created > 0) log.info("follow-up surveys scheduled", { created });
  return 0;
});
// Open surveys: an invitation when they open, then reminders after 3 and 7 days to those who have not answered.
registerNotificationJob("survey-reminders", (now) => remindOpenSurveys(now));
// Offers in the network not confirmed for 90 days: their owner is reminded once.
registerNotificationJob("offer-reminders", (now) => remindStaleOffers(now));

export type Scheduler = { stop(): void; jobs: Cron[] };

export function startScheduler({
  notificationsPattern = "*/5 * * * *",
  deliveryPattern = "* * * * *",
  runAtStart = true,
}: { notificationsPattern?: string; deliveryPattern?: string; runAtStart?: boolean } = {}): Scheduler {
  const onError = (job: string) => (error: unknown) => log.error("scheduled job failed", { job, error: String(error) });
  const notifications = new Cron(notificationsPattern, { name: "notifications", protect: true, catch: onError("notifications") }, async () => {
    // Closed surveys' last sealed anonymous answers are opened here (see openSealedAnswers).
    try {
      const opened = openSealedAnswersOfClosedSurveys(new Date());
      if (opened > 0) log.info("anonymous answers opened", { opened });
    } catch (error) {
      log.error("opening anonymous answers failed", { error: String(error) });
    }
    const queued = await runDueNotifications(new Date());
    const total = Object.values(queued).reduce((a, b) => a + b, 0);
    if (total > 0) log.info("notifications queued", queued);
    await deliverPendingEmails(new Date());
  });
  const delivery = new Cron(deliveryPattern, { name: "email-delivery", protect: true, catch: onError("email-delivery") }, async () => {
    const result = await deliverPendingEmails(new Date());
    if (result.sent || result.failed) log.info("outbox delivered", result);
  });
  // Catch up at once after a restart instead of waiting for the next tick.
  if (runAtStart) void notifications.trigger();
  log.info("scheduler started", { notifications: notificationsPattern, delivery: deliveryPattern });
  return {
    jobs: [notifications, delivery],
    stop() {
      notifications.stop();
      delivery.stop();
    },
  };
}
