/** The partner finder's cards: one person each, with the request form behind an open link. */
import { Form } from "react-router";
import { PersonFacts, personFactLabels, ProfessionTag } from "~/components/person-facts";
import { PlainTextareaField, fieldErrorText } from "~/components/forms";
import { CardForm, type useOpenCard } from "~/components/card-form";
import { PARTNER_REQUEST_CONSTRAINT } from "~/schemas/constraints";
import type { FormReply, useLazyFormsValidation } from "~/utils/lazy-validation";
import { fixedPageTexts, labelMap, withName } from "~/utils/texts";
import { PROFESSIONS, type Profession } from "../../../db/enums";

/** What a card shows of a person (a row of the finder's page). */
export type PartnerCardData = {
  userId: number;
  name: string;
  profession: Profession;
  partnershipId: number | null;
  about: string | null;
  practice?: string | null;
  municipality?: string | null;
  specialCompetence?: string | null;
};

type RequestForms = ReturnType<typeof useLazyFormsValidation>;

/** The texts every card shows, translated once per language (see fixedPageTexts). */
export const useCardTexts = fixedPageTexts((t) => ({
  facts: personFactLabels(t),
  professions: labelMap(t, "common.professions", PROFESSIONS),
  hasPartner: t("partners.page.hasPartner"),
  noPartner: t("partners.page.noPartner"),
  sendRequestTo: withName(t, "partners.page.sendRequestTo"),
  message: t("partners.page.message"),
  noPatientData: t("common.noPatientData"),
  sendRequest: t("partners.page.sendRequest"),
  cancel: t("common.cancel"),
  error: (key: string) => fieldErrorText(t, key),
}));

/**
 * A card of the finder. Plain elements with Designsystemet's classes (what Card, Tag and Textfield
 * render), one validation for all request forms of the page (useLazyFormsValidation), and the request
 * form only in the card the person opened (CardForm), so a full page of cards stays cheap to render on the server.
 */
export function PartnerCard({
  card,
  canRequest,
  open,
  hrefFor,
  texts,
  forms,
  reply,
  submitting,
}: {
  card: PartnerCardData;
  canRequest: boolean;
  open: boolean;
  hrefFor: ReturnType<typeof useOpenCard>["hrefFor"];
  texts: ReturnType<typeof useCardTexts>;
  forms: RequestForms;
  reply: FormReply;
  submitting: boolean;
}) {
  const headingId = `card-${card.userId}`;
  return (
    <div className="ds-card partner-card" aria-labelledby={headingId}>
      <div className="ds-card__block">
        <h3 className="ds-heading" data-size="xs" id={headingId}>
          {card.name}
        </h3>
        <div className="row">
          <ProfessionTag profession={card.profession} label={texts.professions[card.profession]} />
          {card.partnershipId ? (
            <span className="ds-tag" data-color="success">
              {texts.hasPartner}
            </span>
          ) : (
            <span className="ds-tag" data-color="neutral">
              {texts.noPartner}
            </span>
          )}
        </div>
        <PersonFacts person={card} labels={texts.facts} />
        {card.about ? (
          <p className="ds-paragraph" data-size="sm">
            {card.about}
          </p>
        ) : null}
      </div>
      {canRequest ? (
        <CardForm
          id={card.userId}
          formId={`request-${card.userId}`}
          open={open}
          hrefFor={hrefFor}
          openLabel={texts.sendRequestTo(card.name)}
          closeLabel={texts.cancel}
        >
          <RequestForm toUserId={card.userId} texts={texts} forms={forms} reply={reply} submitting={submitting} />
        </CardForm>
      ) : null}
    </div>
  );
}

/** The partner request form of a card (ids as Conform gave them: request-<id>, request-<id>-message). */
function RequestForm({
  toUserId,
  texts,
  forms,
  reply,
  submitting,
}: {
  toUserId: number;
  texts: ReturnType<typeof useCardTexts>;
  forms: RequestForms;
  reply: FormReply;
  submitting: boolean;
}) {
  const formId = `request-${toUserId}`;
  const fieldId = `${formId}-message`;
  const errorKey = forms.errorsOf(formId)?.message?.[0];
  // Without JavaScript the page comes back with the action's reply: keep what was typed.
  const typed = reply?.formId === formId ? reply.result?.initialValue?.message : undefined;
  return (
    <Form method="post" className="form" id={formId} {...forms.formProps}>
      <input type="hidden" name="intent" value="request" />
      <input type="hidden" name="toUserId" value={toUserId} />
      <PlainTextareaField
        id={fieldId}
        label={texts.message}
        description={texts.noPatientData}
        error={errorKey ? texts.error(errorKey) : undefined}
        errorId={`${fieldId}-error`}
        rows={3}
        name="message"
        form={formId}
        required={PARTNER_REQUEST_CONSTRAINT.message.required || undefined}
        defaultValue={typeof typed === "string" ? typed : undefined}
        autoFocus
        aria-describedby={errorKey ? `${fieldId}-error` : undefined}
      />
      <button className="ds-button" type="submit" disabled={submitting} suppressHydrationWarning>
        {texts.sendRequest}
      </button>
    </Form>
  );
}
