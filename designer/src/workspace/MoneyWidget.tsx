/** A VND amount: typed with or without separators, shown as 12.500.000 (vi) or 12,500,000 (en). */
import type { WidgetProps } from '@rjsf/utils';
import { useI18n } from '../i18n/useI18n.js';

export function MoneyWidget({
  id,
  value,
  required,
  disabled,
  readonly,
  onChange,
  onBlur,
  onFocus,
  rawErrors,
}: WidgetProps) {
  const { lang } = useI18n();
  const format = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 0 });
  const shown = typeof value === 'number' ? format.format(value) : '';
  return (
    <div className="money-input">
      <input
        id={id}
        className={`form-control${rawErrors?.length ? ' input-error' : ''}`}
        inputMode="numeric"
        value={shown}
        required={required}
        disabled={disabled || readonly}
        onChange={(e) => {
          const digits = e.target.value.replace(/\D/g, '');
          onChange(digits === '' ? undefined : Number(digits));
        }}
        onBlur={() => onBlur(id, value)}
        onFocus={() => onFocus(id, value)}
      />
      <span className="money-unit">₫</span>
    </div>
  );
}
