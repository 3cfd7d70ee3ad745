/**
 * "Subscribe in your calendar": a webcal:// link, a copyable https link, one-click Google Calendar and
 * Outlook links, and (personal feed only) a privacy note and a "make a new link" button with confirmation.
 *
 * `PersonalCalendarSubscribe` is for the owner (dashboard, /calendar); `CohortCalendarSubscribe` is the public
 * variant for the cohort page, with optional single-evening .ics downloads.
 */
import { useEffect, useId, useRef, useState } from "react";
import { Form } from "react-router";
import { Button, Dialog, Heading, Paragraph, Textfield } from "@digdir/designsystemet-react";
import { fixedPageTexts } from "~/utils/texts";

export type CalendarLinks = { https: string; webcal: string; google: string; outlook: string };

const KEYS = [
  "linkLabel",
  "copied",
  "copy",
  "copyFailed",
  "webcal",
  "google",
  "outlook",
  "regenerate",
  "regenerateTitle",
  "regenerateBody",
  "regenerateConfirm",
  "title",
  "personalIntro",
  "privacyNote",
  "publicIntro",
] as const;

/** The boxes' texts, translated once per language (they are on the dashboard and the cohort page). */
const useTexts = fixedPageTexts((t) => ({
  ...(Object.fromEntries(KEYS.map((k) => [k, t(`calendar.subscribe.${k}`)])) as Record<(typeof KEYS)[number], string>),
  cancel: t("common.cancel"),
  downloadEvening: (number: number) => t("calendar.subscribe.downloadEvening", { number }),
}));

function CopyLink({ url }: { url: string }) {
  const texts = useTexts();
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (state !== "copied") return;
    const timer = setTimeout(() => setState("idle"), 5000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setState("copied");
    } catch {
      input.current?.select();
      setState("failed");
    }
  };
  return (
    <div className="stack-sm">
      <Textfield
        ref={input}
        label={texts.linkLabel}
        value={url}
        readOnly
        onFocus={(e) => e.currentTarget.select()}
        data-testid="calendar-feed-url"
      />
      <div className="row">
        <Button type="button" variant="secondary" onClick={copy}>
          {state === "copied" ? texts.copied : texts.copy}
        </Button>
        <span role="status" aria-live="polite" className={state === "failed" ? undefined : "visually-hidden"}>
          {state === "copied" ? texts.copied : state === "failed" ? texts.copyFailed : ""}
        </span>
      </div>
    </div>
  );
}

function SubscribeLinks({ links }: { links: CalendarLinks }) {
  const texts = useTexts();
  return (
    <div className="row">
      <Button asChild variant="primary">
        <a href={links.webcal}>{texts.webcal}</a>
      </Button>
      <Button asChild variant="secondary">
        <a href={links.google} target="_blank" rel="noopener noreferrer">
          {texts.google}
        </a>
      </Button>
      <Button asChild variant="secondary">
        <a href={links.outlook} target="_blank" rel="noopener noreferrer">
          {texts.outlook}
        </a>
      </Button>
    </div>
  );
}

function RegenerateButton({ action, redirectTo }: { action: string; redirectTo: string }) {
  const texts = useTexts();
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <Dialog.TriggerContext>
      <Dialog.Trigger variant="tertiary" data-color="danger">
        {texts.regenerate}
      </Dialog.Trigger>
      <Dialog ref={dialog} aria-labelledby={titleId} closeButton={texts.cancel}>
        <Dialog.Block>
          <Heading level={2} data-size="xs" id={titleId}>
            {texts.regenerateTitle}
          </Heading>
        </Dialog.Block>
        <Dialog.Block>
          <Paragraph>{texts.regenerateBody}</Paragraph>
        </Dialog.Block>
        <Dialog.Block>
          <Form method="post" action={action} onSubmit={() => dialog.current?.close()}>
            <input type="hidden" name="intent" value="regenerate" />
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <Button type="submit" data-color="danger">
              {texts.regenerateConfirm}
            </Button>
          </Form>
        </Dialog.Block>
      </Dialog>
    </Dialog.TriggerContext>
  );
}

/** The owner's personal feed. Never render it for anyone else. */
export function PersonalCalendarSubscribe({ links, redirectTo = "/calendar" }: { links: CalendarLinks; redirectTo?: string }) {
  const texts = useTexts();
  const headingId = useId();
  return (
    <section className="stack-sm" aria-labelledby={headingId}>
      <Heading level={2} data-size="md" id={headingId}>
        {texts.title}
      </Heading>
      <Paragraph>{texts.personalIntro}</Paragraph>
      <SubscribeLinks links={links} />
      <CopyLink url={links.https} />
      <Paragraph data-size="sm" className="muted">
        {texts.privacyNote}
      </Paragraph>
      <div>
        <RegenerateButton action="/calendar" redirectTo={redirectTo} />
      </div>
    </section>
  );
}

/** The public feed of a cohort, for the cohort page; `evenings` adds one .ics download per evening. */
export function CohortCalendarSubscribe({
  links,
  evenings = [],
}: {
  links: CalendarLinks;
  evenings?: { number: number; href: string }[];
}) {
  const texts = useTexts();
  const headingId = useId();
  return (
    <section className="stack-sm" aria-labelledby={headingId}>
      <Heading level={2} data-size="md" id={headingId}>
        {texts.title}
      </Heading>
      <Paragraph>{texts.publicIntro}</Paragraph>
      <SubscribeLinks links={links} />
      <CopyLink url={links.https} />
      {evenings.length > 0 ? (
        <ul className="row" style={{ listStyle: "none", padding: 0 }}>
          {evenings.map((e) => (
            <li key={e.number}>
              <a href={e.href} download>
                {texts.downloadEvening(e.number)}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
