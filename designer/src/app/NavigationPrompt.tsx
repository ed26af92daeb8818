/** Asks before a navigation that would lose unsaved changes. */
import { useI18n } from '../i18n/useI18n.js';
import { Dialog } from '../ui/Dialog.js';
import { navigation } from './navigation.js';
import { useNavigation } from './useNavigation.js';

export function NavigationPrompt() {
  const { pending } = useNavigation();
  const { t } = useI18n();
  if (pending === undefined) return null;
  return (
    <Dialog
      title={t('unsaved.title')}
      onCancel={() => navigation.cancel()}
      onConfirm={() => navigation.confirm()}
      confirmLabel={t('unsaved.leave')}
      cancelLabel={t('unsaved.stay')}
      danger
    >
      <p>{t('unsaved.body')}</p>
    </Dialog>
  );
}
