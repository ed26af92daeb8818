/**
 * Who writes a field: people (an input on the form), only automations (shown as text,
 * refused from people), or the engine from other number fields (`x-compute`: product,
 * sum or difference of the fields listed, `lines[].amount` for each line's amount).
 */
import { useI18n } from '../../i18n/useI18n.js';
import { computeOf, setByOf, type ComputeDecl, type FieldInfo, type SetBy } from '../../model/fields.js';

const OPS: ComputeDecl['op'][] = ['product', 'sum', 'difference'];

export function SetByInput({ field, onChange }: { field: FieldInfo; onChange: (setBy: SetBy, compute?: ComputeDecl) => void }) {
  const { t } = useI18n();
  const setBy = setByOf(field.schema);
  const compute = computeOf(field.schema) ?? { op: 'sum', fields: [] };
  return (
    <div className="set-by">
      <select aria-label={`${t('fields.setBy')}: ${field.key}`} value={setBy} onChange={(e) => onChange(e.target.value as SetBy)}>
        <option value="people">{t('setBy.people')}</option>
        <option value="automation">{t('setBy.automation')}</option>
        <option value="computed">{t('setBy.computed')}</option>
      </select>
      {setBy === 'computed' && (
        <>
          <select aria-label={`${t('setBy.op')}: ${field.key}`} value={compute.op} onChange={(e) => onChange('computed', { ...compute, op: e.target.value as ComputeDecl['op'] })}>
            {OPS.map((op) => (
              <option key={op} value={op}>
                {t(`setBy.op.${op}`)}
              </option>
            ))}
          </select>
          <input
            aria-label={`${t('setBy.fields')}: ${field.key}`}
            value={compute.fields.join(', ')}
            placeholder="quantity, unitPrice"
            onChange={(e) => onChange('computed', { ...compute, fields: e.target.value.split(',').map((f) => f.trim()).filter(Boolean) })}
          />
        </>
      )}
    </div>
  );
}
