/**
 * A survey's other answers per choice of its grouping question (tables or themes): counts as small tables
 * and free texts as lists, so the organiser can prepare each table. A group the anonymity rule hides says so.
 */
import { useTranslation } from "react-i18next";

type GroupedQuestion = {
  id: number;
  prompt: string;
  kind: string;
  n: number;
  counts: { label: string; count: number }[];
  mean: number | null;
  texts: string[];
  withheld: boolean;
};

export type GroupedView = {
  question: string;
  groups: { label: string; n: number | null; hidden: boolean; results: GroupedQuestion[] }[];
};

export function GroupedResults({ grouped, anonymous }: { grouped: GroupedView; anonymous: boolean }) {
  const { t, i18n } = useTranslation();
  const mean = new Intl.NumberFormat(i18n.language === "en" ? "en-GB" : "nb-NO", { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  return (
    <section className="stack" aria-labelledby="grouped-heading" data-testid="grouped-results">
      <h2 className="ds-heading" data-size="md" id="grouped-heading">
        {t("dialogue.grouping.resultsHeading", { question: grouped.question })}
      </h2>
      {grouped.groups.map((g, gi) => (
        <section className="ds-card stack-sm" key={g.label} aria-labelledby={`group-${gi}`} data-testid="result-group">
          <h3 className="ds-heading" data-size="sm" id={`group-${gi}`}>
            {g.n === null ? g.label : t("dialogue.grouping.groupHeading", { label: g.label, count: g.n })}
          </h3>
          {g.hidden ? (
            <p className="ds-paragraph muted">{t("dialogue.grouping.tooFew")}</p>
          ) : (
            g.results.map((r) => (
              <div className="stack-sm" key={r.id}>
                <h4 className="ds-heading" data-size="xs">
                  {r.prompt}
                </h4>
                {r.withheld ? (
                  <p className="ds-paragraph muted">{t("surveys.results.questionWithheld")}</p>
                ) : r.kind === "text" ? (
                  r.texts.length === 0 ? (
                    <p className="ds-paragraph muted">{t("surveys.results.noTexts")}</p>
                  ) : (
                    <>
                      {anonymous ? <p className="ds-paragraph muted">{t("surveys.results.shuffled")}</p> : null}
                      <ul className="stack-sm">
                        {r.texts.map((text, j) => (
                          <li key={j} style={{ whiteSpace: "pre-wrap" }}>
                            {text}
                          </li>
                        ))}
                      </ul>
                    </>
                  )
                ) : (
                  <div className="table-wrap">
                    <table className="ds-table" data-size="sm">
                      <caption className="visually-hidden">{r.prompt}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{t("dialogue.grouping.choice")}</th>
                          <th scope="col">{t("surveys.columns.answers")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {r.counts.map((c) => (
                          <tr key={c.label}>
                            <td>{c.label}</td>
                            <td>{c.count}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                    <p className="ds-paragraph">
                      {t("surveys.results.n", { count: r.n })}
                      {r.mean !== null ? ` · ${t("surveys.results.mean", { mean: mean.format(r.mean) })}` : null}
                    </p>
                  </div>
                )}
              </div>
            ))
          )}
        </section>
      ))}
    </section>
  );
}
