/** Edit one transition: its event (or delay), target, guard and actions. */
import { useStageNames } from '../useStageNames.js';
import { PanelSection } from './PanelSection.js';
import { useI18n } from '../../i18n/useI18n.js';
import { EVENT_PATTERN, type Draft } from '../../model/draft.js';
import { parseDuration } from '../../model/duration.js';
import { eventsInUse } from '../../model/machine-walk.js';
import type { Issue } from '../../model/issues.js';
import {
  findTransition,
  setEventLabels,
  setEventSenders,
  updateTransition,
  type TransitionPatch,
} from '../../model/transitions.js';
import { CommitInput } from '../../ui/CommitInput.js';
import { LabelsInput } from '../../ui/LabelsInput.js';
import type { Selection } from '../selection.js';
import type { DraftHistory } from '../useDraftHistory.js';
import { useRegistry } from '../useRegistry.js';
import { ActionsEditor } from './ActionsEditor.js';
import { EventSendersInput } from './EventSendersInput.js';
import { InlineIssues } from './InlineIssues.js';
import { RefEditor } from './RefEditor.js';
import { useFormContext } from './useFormContext.js';

export interface TransitionPanelProps {
  id: string;
  draft: Draft;
  apply: DraftHistory['apply'];
  setSelection: (selection: Selection) => void;
  issues: Issue[];
  onDelete: () => void;
}

export function TransitionPanel({ id, draft, apply, setSelection, issues, onDelete }: TransitionPanelProps) {
  const { t } = useI18n();
  const registry = useRegistry();
  const context = useFormContext(draft);
  const transition = findTransition(draft, id)!;
  const change = (patch: TransitionPatch, coalesce?: string) => {
    const result = updateTransition(draft, id, patch);
    apply(() => result.draft, coalesce);
    if (result.id !== id) setSelection({ kind: 'transition', id: result.id });
  };
  const names = useStageNames(draft);
  const stageName = names.name;
  const eventLabels = transition.kind === 'on' ? draft.machine.meta?.events?.[transition.key] : undefined;

  const renameKey = (key: string): string | void => {
    if (transition.kind === 'on' && !EVENT_PATTERN.test(key)) return t('transition.eventInvalid');
    if (transition.kind === 'after' && !parseDuration(key) && !/^\d+$/.test(key))
      return t('transition.delayInvalid');
    change({ key });
  };

  return (
    <div className="inspector-panel" data-panel="transition">
      <header className="panel-head">
        <span className="panel-kind">{t('inspector.transition')}</span>
        <h2>
          {stageName(transition.source)} →{' '}
          {transition.target ? stageName(transition.target) : t('transition.stays')}
        </h2>
      </header>
      <InlineIssues issues={issues} draft={draft} />
      <section className="panel-section">
        {transition.kind !== 'always' && (
          <div className="form-field">
            <label htmlFor="transition-key">
              {transition.kind === 'on' ? t('transition.event') : t('transition.delay')}
            </label>
            <CommitInput
              id="transition-key"
              className="mono"
              value={transition.key}
              onCommit={renameKey}
              list="transition-events"
            />
            <datalist id="transition-events">
              {[...eventsInUse(draft.machine)].map((e) => (
                <option key={e} value={e} />
              ))}
            </datalist>
            {transition.kind === 'on' && <span className="hint">{t('transition.eventHint')}</span>}
          </div>
        )}
        {transition.kind === 'on' && (
          <LabelsInput
            legend={t('transition.eventLabels')}
            name="event-label"
            value={eventLabels ?? { vi: '', en: '' }}
            onChange={(labels) =>
              apply((d) => setEventLabels(d, transition.key, labels), `event-labels:${transition.key}`)
            }
          />
        )}
        {transition.kind === 'on' && (
          <EventSendersInput
            value={draft.machine.meta?.senders?.[transition.key]}
            onChange={(senders) => apply((d) => setEventSenders(d, transition.key, senders))}
          />
        )}
        <div className="form-field">
          <label htmlFor="transition-target">{t('transition.target')}</label>
          <select
            id="transition-target"
            value={transition.target ?? ''}
            onChange={(e) => e.target.value && change({ target: e.target.value })}
          >
            {!transition.target && <option value="">{t('transition.stays')}</option>}
            {names.choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
      </section>
      <PanelSection id="TransitionPanel-1" title={<>{t('transition.guard')}</>}>
        <p className="hint">{t('transition.guardHint')}</p>
        <RefEditor
          idPrefix="guard"
          kind="guard"
          entries={registry.guards}
          value={transition.guard}
          context={context}
          onChange={(guard, coalesce) => change({ guard: guard ?? null }, coalesce)}
        />
      </PanelSection>
      <ActionsEditor
        entries={registry.actions}
        actions={transition.actions}
        context={context}
        onChange={(actions, coalesce) => change({ actions }, coalesce)}
      />
      <footer className="panel-foot">
        <button type="button" className="btn btn-danger btn-sm" onClick={onDelete}>
          {t('transition.delete')}
        </button>
      </footer>
    </div>
  );
}
