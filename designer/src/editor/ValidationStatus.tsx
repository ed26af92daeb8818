/** The live validation verdict in the editor's toolbar. */
import { useI18n } from '../i18n/useI18n.js';
import type { Validation } from './useValidation.js';

export function ValidationStatus({ validation }: { validation: Validation }) {
  const { t } = useI18n();
  const count = validation.issues.length;
  if (validation.failed) return <span className="status status-warn">{t('validation.unavailable')}</span>;
  if (validation.checking) return <span className="status status-muted">{t('validation.checking')}</span>;
  if (count === 0) return <span className="status status-ok">{t('validation.ok')}</span>;
  return <span className="status status-error">{t('validation.problems', { count })}</span>;
}
