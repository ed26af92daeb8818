/** An ISO-8601 duration as an amount and a unit (other forms are edited as text). */
import { useI18n } from '../../i18n/useI18n.js';
import { DURATION_UNITS, parseDuration, toDuration, type DurationUnit } from '../../model/duration.js';

export interface DurationInputProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}

export function DurationInput({ id, label, value, onChange }: DurationInputProps) {
  const { t } = useI18n();
  const parsed = parseDuration(value);
  if (!parsed && value !== '') {
    return (
      <label className="form-field">
        <span>{label}</span>
        <input id={id} className="mono" value={value} onChange={(e) => onChange(e.target.value)} />
      </label>
    );
  }
  const { amount, unit } = parsed ?? { amount: 1, unit: 'days' as DurationUnit };
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      <div className="duration-input">
        <input
          id={id}
          type="number"
          min={0}
          value={amount}
          onChange={(e) => onChange(toDuration(Number(e.target.value), unit))}
        />
        <select
          aria-label={t('duration.unit')}
          value={unit}
          onChange={(e) => onChange(toDuration(amount, e.target.value as DurationUnit))}
        >
          {DURATION_UNITS.map((u) => (
            <option key={u} value={u}>
              {t(`duration.${u}`)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
