import { useTranslation } from "react-i18next";

/** An evening's self-study task and material links: on the cohort page and where an absent person catches up. */
export function EveningCatchUp({ selfStudyTask, materials }: { selfStudyTask: string | null; materials: { id: string | number; url: string; title: string }[] }) {
  const { t } = useTranslation();
  return (
    <>
      {selfStudyTask ? (
        <p className="ds-paragraph">
          <strong>{t("registration.cohort.selfStudy")}:</strong> {selfStudyTask}
        </p>
      ) : null}
      {materials.length ? (
        <div>
          <strong>{t("registration.cohort.materials")}:</strong>
          <ul>
            {materials.map((m) => (
              <li key={m.id}>
                <a href={m.url} rel="noopener noreferrer">
                  {m.title}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
