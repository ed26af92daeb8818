/** Create a record from the generated form; it opens on its record page. */
import { useState } from 'react';
import { problemText } from './problem-text.js';
import { navigation } from '../app/navigation.js';
import { useToast } from '../ui/useToast.js';
import { RecordForm } from './RecordForm.js';
import type { Pipeline } from './usePipeline.js';
import { useWorkText } from './useWorkText.js';
import { workPaths } from './work-routes.js';
import { workspaceApi } from './workspace-api.js';

export function NewRecordPage({ pipeline }: { pipeline: Pipeline }) {
  const { definition } = pipeline;
  const { w, label } = useWorkText();
  const toast = useToast();
  const [data, setData] = useState<Record<string, unknown>>({});
  const [busy, setBusy] = useState(false);
  const create = async (input: Record<string, unknown>) => {
    setBusy(true);
    try {
      const record = await workspaceApi.create(definition.entity, input);
      navigation.navigate(workPaths.record(definition.entity, record.id), { replace: true });
    } catch (error) {
      toast(problemText(error, definition.schema, w, label), 'error');
      setBusy(false);
    }
  };
  return (
    <section className="panel work-new-form">
      <h1>
        {w('record.new')}: {label(definition.schema['x-labels'], definition.entity)}
      </h1>
      <RecordForm schema={definition.schema} data={data} onChange={setData} onSubmit={(d) => void create(d)} disabled={busy}>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {w('record.create')}
          </button>
        </div>
      </RecordForm>
    </section>
  );
}
