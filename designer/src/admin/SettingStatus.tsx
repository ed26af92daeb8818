/**
 * Where a setting an admin edits stands (./useAdminSetting.ts): still the pack's, or changed
 * when and by whom, with the way back to the pack's after a confirmation.
 */
import { useState } from 'react';
import { useI18n } from '../i18n/useI18n.js';
import { Dialog } from '../ui/Dialog.js';
import { UserName } from '../workspace/UserName.js';

export interface SettingStatusTexts {
  fromPack: string;
  edited: (when: string) => string;
  reset: string;
  resetAsk: string;
}

export function SettingStatus({ setting, texts, onReset }: { setting: { version: number; updatedAt?: string; updatedBy?: string }; texts: SettingStatusTexts; onReset: () => void }) {
  const { formatDate } = useI18n();
  const [asking, setAsking] = useState(false);
  return (
    <>
      <p className="assignment-status">
        {setting.version === 0 ? (
          texts.fromPack
        ) : (
          <>
            {texts.edited(setting.updatedAt ? formatDate(setting.updatedAt) : '')} {setting.updatedBy && <UserName id={setting.updatedBy} />}{' '}
            <button type="button" className="btn btn-sm" onClick={() => setAsking(true)}>
              {texts.reset}
            </button>
          </>
        )}
      </p>
      {asking && (
        <Dialog
          title={texts.reset}
          confirmLabel={texts.reset}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            onReset();
          }}
        >
          <p>{texts.resetAsk}</p>
        </Dialog>
      )}
    </>
  );
}
