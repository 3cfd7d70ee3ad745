import { Heading, Table } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";

/** The change log of a cohort, newest first: when, who and what. */
export function AuditLog({ entries }: { entries: { id: number; when: string; who: string | null; action: string }[] }) {
  const { t } = useTranslation();
  return (
    <section className="stack-sm" aria-labelledby="audit">
      <Heading level={2} data-size="md" id="audit">
        {t("registration.manage.auditSection")}
      </Heading>
      <div className="table-wrap">
        <Table data-size="sm">
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t("registration.audit.when")}</Table.HeaderCell>
              <Table.HeaderCell>{t("registration.audit.who")}</Table.HeaderCell>
              <Table.HeaderCell>{t("registration.audit.what")}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {entries.map((a) => (
              <Table.Row key={a.id}>
                <Table.Cell>{a.when}</Table.Cell>
                <Table.Cell>{a.who ?? t("registration.audit.system")}</Table.Cell>
                <Table.Cell>{t(`registration.audit.actions.${a.action}`, { defaultValue: a.action })}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
    </section>
  );
}
