/**
 * Create a record type without a developer: its name in both languages, its code, blank
 * or a copy of another pipeline, where staff find it and who sees every record. It is
 * kept as a draft (nobody sees it) and opened in the editor to add fields and stages.
 */
import { useState } from 'react';
import { changesApi } from '../api/changes-api.js';
import type { Definition } from '../api/designer-api.js';
import { messageOf } from '../api/loadable.js';
import { navigation } from '../app/navigation.js';
import { paths } from '../app/routes.js';
import { useChangesText } from '../editor/changes/useChangesText.js';
import { blankPipeline, copiedPipeline, ENTITY_NAME, entityNameFor } from '../model/new-pipeline.js';
import type { Labels } from '../model/pack-types.js';
import { Dialog } from '../ui/Dialog.js';
import { LabelsInput } from '../ui/LabelsInput.js';
import { useToast } from '../ui/useToast.js';
import { PipelineSettingsFields } from './PipelineSettingsFields.js';

export function NewPipelineDialog({ existing, onCancel }: { existing: Definition[]; onCancel: () => void }) {
  const { c, label } = useChangesText();
  const toast = useToast();
  const [labels, setLabels] = useState<Labels>({ vi: '', en: '' });
  const [key, setKey] = useState('');
  const [keyEdited, setKeyEdited] = useState(false);
  const [source, setSource] = useState('');
  const [group, setGroup] = useState('');
  const [seeAll, setSeeAll] = useState<string[]>([]);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const entity = keyEdited ? key : entityNameFor(labels.en || labels.vi);
  const nameError = !labels.vi.trim() || !labels.en.trim() ? c('new.nameMissing') : undefined;
  const keyError = !ENTITY_NAME.test(entity) ? c('new.keyInvalid') : existing.some((d) => d.entity === entity) ? c('new.keyTaken') : undefined;

  const create = () => {
    setTried(true);
    if (nameError || keyError || busy) return;
    const from = existing.find((d) => d.entity === source);
    const settings = { group, seeAll };
    const draft = from ? copiedPipeline({ schema: from.schema, machine: from.machine }, entity, labels, settings) : blankPipeline(entity, labels, settings);
    setBusy(true);
    changesApi.saveDraft(entity, draft, 0).then(
      () => {
        toast(c('new.created', { name: label(labels) }), 'success');
        navigation.navigate(paths.editor(entity));
      },
      (e: unknown) => {
        setBusy(false);
        setError(messageOf(e));
      },
    );
  };

  return (
    <Dialog title={c('new.title')} onCancel={onCancel} onConfirm={create} confirmLabel={c('new.create')} confirmDisabled={busy} wide>
      <p className="hint">{c('new.intro')}</p>
      <LabelsInput legend={c('new.name')} name="pipeline-name" value={labels} onChange={setLabels} />
      {tried && nameError && <p className="error-text" role="alert">{nameError}</p>}
      <label className="form-field">
        <span>{c('new.key')}</span>
        <input
          name="pipeline-key"
          value={entity}
          aria-invalid={tried && keyError ? true : undefined}
          onChange={(e) => {
            setKeyEdited(true);
            setKey(e.target.value.trim());
          }}
        />
        <span className="hint">{c('new.keyHint')}</span>
        {tried && keyError && <span className="error-text" role="alert">{keyError}</span>}
      </label>
      <label className="form-field">
        <span>{c('new.start')}</span>
        <select name="pipeline-source" value={source} onChange={(e) => setSource(e.target.value)}>
          <option value="">{c('new.blank')}</option>
          {existing.map((d) => (
            <option key={d.entity} value={d.entity}>
              {c('new.copy', { name: label(d.schema['x-labels'], d.entity) })}
            </option>
          ))}
        </select>
      </label>
      <PipelineSettingsFields group={group} seeAll={seeAll} onGroup={setGroup} onSeeAll={setSeeAll} />
      {error && <p className="error-text" role="alert">{error}</p>}
    </Dialog>
  );
}
