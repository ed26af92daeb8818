/** With nothing selected: where staff find the pipeline, who sees every record, and archiving it. */
import type { Draft } from '../../model/draft.js';
import { PanelSection } from './PanelSection.js';
import { settingsOf, withSettings } from '../../model/new-pipeline.js';
import { PipelineSettingsFields } from '../../list/PipelineSettingsFields.js';
import { useChangesText } from '../changes/useChangesText.js';
import type { DraftHistory } from '../useDraftHistory.js';

export function PipelineSettingsSection({ draft, apply }: { draft: Draft; apply: DraftHistory['apply'] }) {
  const { c } = useChangesText();
  const settings = settingsOf(draft);
  return (
    <PanelSection id="PipelineSettingsSection-1" data-section="settings" title={<>{c('settings.title')}</>}>
      <PipelineSettingsFields
        group={settings.group ?? ''}
        seeAll={settings.seeAll ?? []}
        onGroup={(group) => apply((d) => withSettings(d, { group }))}
        onSeeAll={(seeAll) => apply((d) => withSettings(d, { seeAll }))}
      />
      <label className="form-check">
        <input type="checkbox" name="pipeline-archived" checked={settings.archived} onChange={(e) => apply((d) => withSettings(d, { archived: e.target.checked }))} />
        <span>{c('settings.archived')}</span>
      </label>
    </PanelSection>
  );
}
