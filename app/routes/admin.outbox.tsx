import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "react-router";
import { Form, Link, useLoaderData, useSearchParams } from "react-router";
import { Button, Details, Heading, Paragraph, Tag } from "@digdir/designsystemet-react";
import { FilterSelect } from "~/components/filter-select";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination";
import { z } from "zod";
import { deliverPendingEmails, listOutbox, outboxCountsByStatus } from "~/models/notifications.server";
import { retryOutboxEmail } from "~/models/reminders.server";
import { getFixedT } from "~/i18next.server";
import { env } from "~/utils/env.server";
import { requireAdmin } from "~/utils/permissions.server";
import { redirectWithToast } from "~/utils/toast.server";
import { formatDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "Utgående e-post – Knutepunkt" }];

const QuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  status: z.enum(["pending", "sent", "failed"]).optional().catch(undefined),
  to: z.string().max(254).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const query = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { rows, total, pages } = listOutbox(query);
  const counts = Object.fromEntries(outboxCountsByStatus().map((c) => [c.status, c.n]));
  return {
    counts: (["pending", "sent", "failed"] as const).map((status) => ({ status, n: counts[status] ?? 0 })),
    smtpConfigured: Boolean(env().SMTP_URL ?? process.env.SMTP_URL),
    page: query.page,
    pages,
    total,
    rows: rows.map((r) => ({
      id: r.id,
      to: r.toAddress,
      subject: r.subject,
      kind: r.kind,
      status: r.status,
      attempts: r.attempts,
      lastError: r.lastError,
      createdAt: r.createdAt.getTime(),
      nextAttemptAt: r.status === "pending" && r.nextAttemptAt ? r.nextAttemptAt.getTime() : null,
      text: r.textBody,
    })),
  };
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("send-now") }),
  z.object({ intent: z.literal("retry"), id: z.coerce.number().int().positive() }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const parsed = ActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  const t = await getFixedT(admin.locale);
  if (parsed.data.intent === "retry") {
    retryOutboxEmail(parsed.data.id);
    return redirectWithToast("/admin/outbox?status=pending", { kind: "success", message: t("calendar.outbox.retried") });
  }
  const result = await deliverPendingEmails(new Date());
  return redirectWithToast("/admin/outbox", { kind: "info", message: t("calendar.outbox.sentResult", result) });
}

export default function AdminOutbox() {
  const { t, i18n } = useTranslation();
  const { rows, page, pages, total, counts, smtpConfigured } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {t("admin.outbox.title")}
      </Heading>
      <Paragraph>{t("admin.outbox.intro")}</Paragraph>
      <section className="stack-sm" aria-labelledby="outbox-counts">
        <Heading level={2} data-size="xs" id="outbox-counts">
          {t("calendar.outbox.counts")}
        </Heading>
        <div className="row">
          {counts.map((c) => (
            <Link key={c.status} to={`?status=${c.status}`}>
              {t(`admin.outbox.statuses.${c.status}`)}: {c.n}
            </Link>
          ))}
        </div>
        {smtpConfigured ? (
          <Form method="post">
            <input type="hidden" name="intent" value="send-now" />
            <Button type="submit" variant="secondary">
              {t("calendar.outbox.sendNow")}
            </Button>
          </Form>
        ) : (
          <Paragraph className="muted">{t("calendar.outbox.smtpOff")}</Paragraph>
        )}
      </section>
      <Form method="get" className="row">
        <FilterSelect
          id="status"
          name="status"
          label={t("admin.outbox.filterStatus")}
          allLabel={t("admin.outbox.all")}
          options={(["pending", "sent", "failed"] as const).map((s) => ({ value: s, label: t(`admin.outbox.statuses.${s}`) }))}
          defaultValue={params.get("status") ?? ""}
        />
        <Button type="submit" variant="secondary">
          {t("admin.outbox.filter")}
        </Button>
      </Form>
      <Paragraph>{t("admin.outbox.total", { count: total })}</Paragraph>
      {rows.length === 0 ? (
        <Paragraph>{t("admin.outbox.empty")}</Paragraph>
      ) : (
        <ul className="stack-sm" style={{ listStyle: "none", padding: 0 }} aria-label={t("admin.outbox.title")}>
          {rows.map((r) => (
            <li key={r.id}>
              <Details>
                <Details.Summary>
                  <span className="summary-text">
                    {r.subject} — {r.to}{" "}
                    <Tag data-color={r.status === "sent" ? "success" : r.status === "failed" ? "danger" : "neutral"}>
                      {t(`admin.outbox.statuses.${r.status}`)}
                    </Tag>{" "}
                    <span className="muted">{formatDateTime(r.createdAt, i18n.language)}</span>
                  </span>
                </Details.Summary>
                <Details.Content>
                  <Paragraph className="muted">
                    {t("admin.outbox.kind")}: {r.kind} · {t("admin.outbox.attempts")}: {r.attempts}
                    {r.lastError ? ` · ${r.lastError}` : ""}
                    {r.nextAttemptAt ? ` · ${t("calendar.outbox.nextAttempt")}: ${formatDateTime(r.nextAttemptAt, i18n.language)}` : ""}
                  </Paragraph>
                  {r.status === "failed" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="retry" />
                      <input type="hidden" name="id" value={r.id} />
                      <Button type="submit" variant="secondary" data-size="sm">
                        {t("calendar.outbox.retry")}
                      </Button>
                    </Form>
                  ) : null}
                  <pre style={{ whiteSpace: "pre-wrap", fontFamily: "inherit" }}>{r.text}</pre>
                </Details.Content>
              </Details>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} />
    </div>
  );
}
