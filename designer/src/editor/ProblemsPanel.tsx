/** The list of validation problems under the canvas; each one jumps to what it is about. */
import { useState } from 'react';
import type { I18n } from '../i18n/I18nProvider.js';
import { useI18n } from '../i18n/useI18n.js';
import { stageAt, type Draft } from '../model/draft.js';
import { issueTarget, localizeIssue, type Issue } from '../model/issues.js';
import { parseTransitionId } from '../model/transitions.js';
import type { Validation } from './useValidation.js';

/** Words for what an issue is about: "Stage “Proposal”", "WIN from “Negotiation”", … */
function whereOf(draft: Draft, { t, label }: Pick<I18n, 't' | 'label'>): (issue: Issue) => string {
  const stageName = (path: string) => label(stageAt(draft, path)?.meta.labels, path);
  return (issue) => {
    const target = issueTarget(issue);
    switch (target.kind) {
      case 'stage':
        return t('problems.stage', { stage: stageName(target.stage) });
      case 'transition': {
        const ref = parseTransitionId(target.id);
        const event = ref?.key || ref?.kind || '';
        return target.stage
          ? t('problems.transition', { event, stage: stageName(target.stage) })
          : t('problems.machineEvent', { event });
      }
      case 'field':
        return t('problems.field', {
          field: label(draft.schema.properties?.[target.field]?.['x-labels'], target.field),
        });
      case 'schema':
        return t('problems.schema');
      default:
        return t('problems.pipeline');
    }
  };
}

export function ProblemsPanel({
  draft,
  validation,
  onJump,
}: {
  draft: Draft;
  validation: Validation;
  onJump: (issue: Issue) => void;
}) {
  const [open, setOpen] = useState(true);
  const i18n = useI18n();
  const { t, lang } = i18n;
  const where = whereOf(draft, i18n);
  const count = validation.issues.length;
  return (
    <section className={`problems${count > 0 ? ' has-problems' : ''}`} aria-label={t('problems.title')}>
      <button type="button" className="problems-head" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="problems-caret" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        {t('problems.title')}
        <span className={`count ${count > 0 ? 'count-error' : 'count-ok'}`}>{count}</span>
      </button>
      {open && (
        <ul className="problems-list">
          {count === 0 && <li className="muted problems-empty">{t('problems.none')}</li>}
          {validation.issues.map((issue, i) => (
            <li key={`${issue.file ?? ''}${issue.pointer}${i}`}>
              <button type="button" className="problem" onClick={() => onJump(issue)}>
                <span className="problem-where">{where(issue)}</span>
                <span className="problem-message">{localizeIssue(issue.message, lang, draft)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
