/** Why a field cannot be removed: every place of the pipeline that uses it. */
import { useI18n } from '../../i18n/useI18n.js';
import { stageAt, type Draft } from '../../model/draft.js';
import type { FieldUsage } from '../../model/usages.js';
import { Dialog } from '../../ui/Dialog.js';
import { registryName } from '../../i18n/registry-names.js';

export interface FieldUsageDialogProps {
  field: string;
  usages: FieldUsage[];
  draft: Draft;
  onClose: () => void;
}

export function FieldUsageDialog({ field, usages, draft, onClose }: FieldUsageDialogProps) {
  const { t, label, lang } = useI18n();
  const stage = (key: string) =>
    key === '' ? t('transition.anyStage') : label(stageAt(draft, key)?.meta.labels, key);
  const describe = (u: FieldUsage): string => {
    switch (u.kind) {
      case 'requiredField':
        return t('usage.requiredField', { stage: stage(u.stage) });
      case 'reminder':
        return t('usage.reminder', { stage: stage(u.stage), reminder: u.reminder });
      case 'stageAction':
        return t('usage.stageAction', { stage: stage(u.stage), name: registryName(u.name, lang) });
      default:
        return t(u.kind === 'guard' ? 'usage.guard' : 'usage.action', {
          stage: stage(u.source),
          event: label(draft.machine.meta?.events?.[u.event], u.event),
          name: registryName(u.name, lang),
        });
    }
  };
  return (
    <Dialog title={t('fields.cannotRemove', { field })} onCancel={onClose}>
      <p>{t('fields.usedBy')}</p>
      <ul className="usage-list" data-testid="field-usages">
        {usages.map((u, i) => (
          <li key={i}>{describe(u)}</li>
        ))}
      </ul>
      <p className="hint">{t('fields.usedByHint')}</p>
    </Dialog>
  );
}
