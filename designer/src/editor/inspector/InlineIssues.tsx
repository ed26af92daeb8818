/** The validation problems of the selected stage, transition or field, shown where it is edited. */
import { useI18n } from '../../i18n/useI18n.js';
import type { Draft } from '../../model/draft.js';
import { localizeIssue, type Issue } from '../../model/issues.js';

export function InlineIssues({ issues, draft }: { issues: Issue[]; draft: Draft }) {
  const { lang } = useI18n();
  if (issues.length === 0) return null;
  return (
    <ul className="inline-issues" role="alert">
      {issues.map((issue, i) => (
        <li key={i}>{localizeIssue(issue.message, lang, draft)}</li>
      ))}
    </ul>
  );
}
