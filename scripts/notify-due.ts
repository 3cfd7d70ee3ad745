/** `npm run notify:due`: queues every notification due now and delivers the outbox once (SMTP_URL), then exits. */
import { closeDb } from "../db/client";
import { deliverPendingEmails } from "../app/models/notifications.server";
import { runDueNotifications } from "../app/models/reminders.server";

const queued = await runDueNotifications(new Date());
const delivered = await deliverPendingEmails(new Date());
process.stdout.write(JSON.stringify({ queued, delivered, smtp: Boolean(process.env.SMTP_URL) }) + "\n");
closeDb();
