/** Edit one stage: key, labels, start/end, required fields, activities, reminders, ways out. */
import { useI18n } from '../../i18n/useI18n.js';
import { PanelSection } from './PanelSection.js';
import {
  childPath,
  containerAt,
  keyOf,
  NAME_PATTERN,
  parentOf,
  stageAt,
  type Draft,
} from '../../model/draft.js';
import type { Issue } from '../../model/issues.js';
import type { StageMeta } from '../../model/pack-types.js';
import { renameStage, setFinalStage, setInitialStage, updateStageMeta } from '../../model/stages.js';
import { CommitInput } from '../../ui/CommitInput.js';
import { LabelsInput } from '../../ui/LabelsInput.js';
import { ChoiceInputs } from '../forms/ChoiceInputs.js';
import type { Selection } from '../selection.js';
import type { DraftHistory } from '../useDraftHistory.js';
import { ActivitiesEditor } from './ActivitiesEditor.js';
import { InlineIssues } from './InlineIssues.js';
import { RemindersEditor } from './RemindersEditor.js';
import { StageTransitions } from './StageTransitions.js';
import { SubStages } from './SubStages.js';
import { StageOrderList } from './StageOrderList.js';
import { useFormContext } from './useFormContext.js';

export interface StagePanelProps {
  stage: string;
  draft: Draft;
  apply: DraftHistory['apply'];
  setSelection: (selection: Selection) => void;
  issues: Issue[];
  onDelete: () => void;
  onAddSubStage: () => void;
}

/** The stage's lists of fields: required to enter it, hidden from its form, locked in it. */
const FIELD_LISTS = [
  { key: 'requiredFields', title: 'stage.requiredFields', hint: 'stage.requiredFieldsHint', id: 'stage-required-fields' },
  { key: 'hiddenFields', title: 'stage.hiddenFields', hint: 'stage.hiddenFieldsHint', id: 'stage-hidden-fields' },
  { key: 'lockedFields', title: 'stage.lockedFields', hint: 'stage.lockedFieldsHint', id: 'stage-locked-fields' },
] as const;

export function StagePanel({
  stage,
  draft,
  apply,
  setSelection,
  issues,
  onDelete,
  onAddSubStage,
}: StagePanelProps) {
  const { t, label } = useI18n();
  const context = useFormContext(draft);
  const state = stageAt(draft, stage)!;
  const meta = state.meta;
  const parent = parentOf(stage);
  const key = keyOf(stage);
  const initial = (containerAt(draft.machine, parent)?.initial ?? '') === key;
  const startOfPipeline = initial && parent === '';
  const final = state.type === 'final';
  const setMeta = (patch: Partial<StageMeta>, coalesce?: string) =>
    apply((d) => updateStageMeta(d, stage, patch), coalesce);

  const rename = (to: string): string | void => {
    if (!NAME_PATTERN.test(to)) return t('stage.keyInvalid');
    if (stageAt(draft, childPath(parent, to))) return t('stage.keyTaken', { key: to });
    apply((d) => renameStage(d, stage, to));
    setSelection({ kind: 'stage', key: childPath(parent, to) });
  };

  return (
    <div className="inspector-panel" data-panel="stage">
      <header className="panel-head">
        <span className="panel-kind">{t('inspector.stage')}</span>
        <h2>{label(meta.labels, stage)}</h2>
      </header>
      <InlineIssues issues={issues} draft={draft} />
      <section className="panel-section">
        <div className="form-field">
          <label htmlFor="stage-key">{t('stage.key')}</label>
          <CommitInput id="stage-key" className="mono" value={key} onCommit={rename} />
          {parent !== '' && (
            <span className="hint">
              {t('stage.inside', { stage: label(stageAt(draft, parent)?.meta.labels, parent) })}
            </span>
          )}
          <span className="hint">{t('stage.keyHint')}</span>
        </div>
        <LabelsInput
          legend={t('stage.labels')}
          name="stage-label"
          value={meta.labels}
          onChange={(labels) => setMeta({ labels }, `stage-labels:${stage}`)}
        />
        <div className="row">
          <button
            type="button"
            className="btn btn-sm"
            disabled={initial || final}
            onClick={() => apply((d) => setInitialStage(d, stage))}
          >
            {parent === ''
              ? initial
                ? t('stage.isStart')
                : t('stage.makeStart')
              : initial
                ? t('stage.isSubStart')
                : t('stage.makeSubStart')}
          </button>
          <label className="form-check">
            <input
              type="checkbox"
              checked={final}
              disabled={startOfPipeline}
              onChange={(e) => apply((d) => setFinalStage(d, stage, e.target.checked))}
            />
            <span>{t('stage.final')}</span>
          </label>
        </div>
      </section>
      {FIELD_LISTS.map(({ key, title, hint, id }) => (
        <PanelSection id={`StagePanel-${key}`} key={key} title={<>{t(title)}</>}>
          <p className="hint">{t(hint)}</p>
          <ChoiceInputs
            id={id}
            label={<span className="sr-only">{t(title)}</span>}
            options={context.fields}
            value={meta[key] ?? []}
            onChange={(fields) => setMeta({ [key]: fields })}
          />
        </PanelSection>
      ))}
      <ActivitiesEditor
        stage={stage}
        activities={meta.activities ?? []}
        onChange={(activities, coalesce) => setMeta({ activities }, coalesce)}
      />
      <RemindersEditor
        stage={stage}
        draft={draft}
        reminders={meta.reminders ?? []}
        onChange={(reminders, coalesce) => setMeta({ reminders }, coalesce)}
      />
      {!final && <StageTransitions stage={stage} draft={draft} apply={apply} setSelection={setSelection} />}
      {!final && <SubStages stage={stage} draft={draft} setSelection={setSelection} onAdd={onAddSubStage} />}
      {!final && <StageOrderList parent={stage} draft={draft} apply={apply} setSelection={setSelection} />}
      <footer className="panel-foot">
        <button
          type="button"
          className="btn btn-danger btn-sm"
          onClick={onDelete}
          disabled={startOfPipeline}
          title={startOfPipeline ? t('stage.cannotDeleteInitial') : undefined}
        >
          {t('stage.delete')}
        </button>
      </footer>
    </div>
  );
}
