import { useLocation, useNavigate, useSearchParams, type ShouldRevalidateFunction } from "react-router";
import type { MouseEvent, ReactNode } from "react";

/**
 * A form that belongs to one card of a long list (a partner request, a contact request) and opens on
 * demand. The page renders the form of at most one card: the one named in the address (`?open=<id>`).
 * A form in every card would make those pages' markup and server render much larger.
 *
 * The toggle is a link, so it works before the JavaScript has loaded (the server renders the page with the
 * form open). With JavaScript, the list follows it in the app (`followToggle`) and
 * `keepDataWhenOnlyOpenChanges` keeps the page's data, so opening a form costs no request, and the
 * message field gets the focus.
 */
export const OPEN_PARAM = "open";

/** CardForm's open and close links (marked `data-card-toggle`), which the list's `followToggle` follows. */
const TOGGLE_LINK = "a[data-card-toggle]";

/** Address of this page with `open` set to a card (or removed), filters and page kept. */
function hrefWithOpen(pathname: string, params: URLSearchParams, id: number | null, hash?: string) {
  const next = new URLSearchParams(params);
  if (id === null) next.delete(OPEN_PARAM);
  else next.set(OPEN_PARAM, String(id));
  const search = next.toString();
  return `${pathname}${search ? `?${search}` : ""}${hash ? `#${hash}` : ""}`;
}

/**
 * The card whose form is open (`?open=`), or null, the address that opens or closes one, and
 * `followToggle` for the onClick of the list of cards.
 */
export function useOpenCard() {
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const raw = Number(params.get(OPEN_PARAM));
  return {
    openId: Number.isInteger(raw) && raw > 0 ? raw : null,
    hrefFor: (id: number | null, hash?: string) => hrefWithOpen(pathname, params, id, hash),
    /**
     * Follows a card's open or close link in the app, as `<Link replace preventScrollReset>` would; a click
     * with a modifier key or another button is left to the browser. The toggles are plain links with one
     * handler on the list, which is cheaper to render than a Link component in every card.
     */
    followToggle(event: MouseEvent) {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
      const link = event.target instanceof Element ? event.target.closest(TOGGLE_LINK) : null;
      const href = link?.getAttribute("href");
      if (!href) return;
      event.preventDefault();
      navigate(href, { replace: true, preventScrollReset: true });
    },
  };
}

/** A URL after a successful send: the same list, with the form closed. */
export function withoutOpen(url: URL) {
  const next = new URLSearchParams(url.search);
  next.delete(OPEN_PARAM);
  const search = next.toString();
  return `${url.pathname}${search ? `?${search}` : ""}`;
}

/**
 * For a route's `shouldRevalidate`: opening or closing a card's form changes only `open`, which the
 * loader does not read, so the data on screen is still right. Submissions and other changes revalidate.
 */
export const keepDataWhenOnlyOpenChanges: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }) => {
  if (formMethod && formMethod.toUpperCase() !== "GET") return defaultShouldRevalidate;
  if (currentUrl.pathname !== nextUrl.pathname) return defaultShouldRevalidate;
  const a = new URLSearchParams(currentUrl.search);
  const b = new URLSearchParams(nextUrl.search);
  a.delete(OPEN_PARAM);
  b.delete(OPEN_PARAM);
  a.sort();
  b.sort();
  return a.toString() === b.toString() ? false : defaultShouldRevalidate;
};

/**
 * The foot of a card: a link that opens its form, or the open form with a link that closes it.
 * `formId` is the form's element id; the open link points at it so the browser scrolls there.
 */
export function CardForm({
  id,
  formId,
  openLabel,
  closeLabel,
  open,
  hrefFor,
  children,
}: {
  id: number;
  formId: string;
  openLabel: string;
  closeLabel: string;
  open: boolean;
  hrefFor: (id: number | null, hash?: string) => string;
  children: ReactNode;
}) {
  if (!open) {
    return (
      <p className="card-form__open">
        <a href={hrefFor(id, formId)} data-card-toggle="">
          {openLabel}
        </a>
      </p>
    );
  }
  return (
    <div className="card-form stack-sm">
      <p className="card-form__title">
        <strong>{openLabel}</strong>
      </p>
      {children}
      <p className="card-form__close">
        <a href={hrefFor(null)} data-card-toggle="">
          {closeLabel}
        </a>
      </p>
    </div>
  );
}
