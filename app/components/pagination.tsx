import { Link, useLocation, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";

/**
 * Previous / next links of a paged list. They change only `page` in the address, so filters stay; page 1
 * has no `page` parameter. `hash` brings the reader back to the list (e.g. "respondents").
 */
export function Pagination({ page, pages, label, hash }: { page: number; pages: number; label?: string; hash?: string }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  if (pages <= 1) return null;
  const href = (n: number) => {
    const next = new URLSearchParams(params);
    if (n === 1) next.delete("page");
    else next.set("page", String(n));
    const search = next.toString();
    return `${pathname}${search ? `?${search}` : ""}${hash ? `#${hash}` : ""}`;
  };
  return (
    <nav aria-label={label ?? t("common.pagination")} className="row">
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev">
          {t("common.previous")}
        </Link>
      ) : null}
      <span aria-current="page">{t("common.pageOf", { page, pages })}</span>
      {page < pages ? (
        <Link to={href(page + 1)} rel="next">
          {t("common.next")}
        </Link>
      ) : null}
    </nav>
  );
}
