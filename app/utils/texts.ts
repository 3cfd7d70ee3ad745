import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

/*
 * Lists translate once per page, not once per row: `t()` is not free on the server, and a long list
 * would ask for the same few texts again and again in every row (the roll call, the participant list).
 */

/** The translations of an enum's values (`${prefix}.${value}`). */
export function labelMap<V extends string>(t: TFunction, prefix: string, values: readonly V[]): Record<V, string> {
  return Object.fromEntries(values.map((v) => [v, t(`${prefix}.${v}`)])) as Record<V, string>;
}

const MARK = "\u2063name\u2063"; // invisible separators: in no translation and typed in no name

/**
 * `t(key, { name })` for many names: translates once with a marker and splices each name in. Falls
 * back to `t` when the text does not hold the name exactly once (e.g. formatted or nested).
 */
export function withName(t: TFunction, key: string): (name: string) => string {
  const text = t(key, { name: MARK });
  const at = text.indexOf(MARK);
  if (at < 0 || text.indexOf(MARK, at + MARK.length) >= 0) return (name) => t(key, { name });
  const before = text.slice(0, at);
  const after = text.slice(at + MARK.length);
  return (name) => before + name + after;
}

/**
 * A page's fixed texts (nothing per request in them), translated once per i18next instance and language
 * for the life of the process (a memo per render would not help: on the server every request is a
 * first render). Translations never change at run time (the server keeps one instance per
 * language; the browser loads its language before hydrating). Call at module level; `build` may read
 * only `t`, and the texts it returns are shared, so they must not be changed.
 *
 *   const useListTexts = fixedPageTexts((t) => ({ title: t("x.title"), statuses: labelMap(t, "x.status", STATUSES) }));
 */
export function fixedPageTexts<T>(build: (t: TFunction) => T): () => T {
  const cache = new WeakMap<object, Map<string, T>>();
  return function useFixedPageTexts() {
    const { t, i18n } = useTranslation();
    let byLanguage = cache.get(i18n);
    if (!byLanguage) cache.set(i18n, (byLanguage = new Map()));
    let texts = byLanguage.get(i18n.language);
    if (texts === undefined) byLanguage.set(i18n.language, (texts = build(t)));
    return texts;
  };
}
