/** The partner requests to and from me, with accept, decline and withdraw buttons. */
import { Form } from "react-router";
import { Button, Card, Heading, Paragraph } from "@digdir/designsystemet-react";
import { useTranslation } from "react-i18next";
import type { Profession } from "../../../db/enums";

export type PartnerRequests = {
  incoming: { id: number; fromUserId: number; name: string; profession: Profession; municipality: string | null; message: string | null }[];
  outgoing: { id: number; toUserId: number; name: string; profession: Profession }[];
};

/** Whether a request between me and this person waits for an answer either way. */
export function hasPendingWith(requests: PartnerRequests, userId: number) {
  return requests.incoming.some((r) => r.fromUserId === userId) || requests.outgoing.some((r) => r.toUserId === userId);
}

export function Requests({ requests }: { requests: PartnerRequests }) {
  const { t } = useTranslation();
  if (requests.incoming.length === 0 && requests.outgoing.length === 0) return null;
  return (
    <section className="stack-sm" aria-labelledby="requests-heading">
      <Heading level={2} data-size="md" id="requests-heading">
        {t("partners.page.requests")}
      </Heading>
      {requests.incoming.length ? (
        <>
          <Heading level={3} data-size="xs">
            {t("partners.page.incoming")}
          </Heading>
          <ul className="stack-sm plain-list">
            {requests.incoming.map((r) => (
              <li key={r.id}>
                <Card data-color="accent">
                  <Paragraph>
                    <strong>{r.name}</strong> ({t(`common.professions.${r.profession}`)}
                    {r.municipality ? `, ${r.municipality}` : ""})
                  </Paragraph>
                  {r.message ? <Paragraph className="request-message">«{r.message}»</Paragraph> : null}
                  <div className="row">
                    <Form method="post">
                      <input type="hidden" name="requestId" value={r.id} />
                      <Button
                        type="submit"
                        name="intent"
                        value="accept"
                        aria-label={t("partners.page.acceptFrom", {
                          name: r.name,
                        })}
                      >
                        {t("partners.page.accept")}
                      </Button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="requestId" value={r.id} />
                      <Button
                        type="submit"
                        name="intent"
                        value="decline"
                        variant="secondary"
                        aria-label={t("partners.page.declineFrom", {
                          name: r.name,
                        })}
                      >
                        {t("partners.page.decline")}
                      </Button>
                    </Form>
                  </div>
                </Card>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {requests.outgoing.length ? (
        <>
          <Heading level={3} data-size="xs">
            {t("partners.page.outgoing")}
          </Heading>
          <ul className="stack-sm plain-list">
            {requests.outgoing.map((r) => (
              <li key={r.id} className="row">
                <span>
                  {t("partners.page.waitingFor", { name: r.name })} ({t(`common.professions.${r.profession}`)})
                </span>
                <Form method="post">
                  <input type="hidden" name="requestId" value={r.id} />
                  <Button
                    type="submit"
                    name="intent"
                    value="withdraw"
                    variant="tertiary"
                    aria-label={t("partners.page.withdrawTo", { name: r.name })}
                  >
                    {t("partners.page.withdraw")}
                  </Button>
                </Form>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
