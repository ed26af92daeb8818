/** The vi/en labels of a choice field's options, edited in a dialog and saved as `x-enumLabels`. */
import { useState } from 'react';
import { useI18n } from '../../i18n/useI18n.js';
import type { FieldInfo, OptionLabels } from '../../model/fields.js';
import { Dialog } from '../../ui/Dialog.js';

export interface OptionLabelsDialogProps {
  field: FieldInfo;
  onSave: (labels: OptionLabels) => void;
  onClose: () => void;
}

export function OptionLabelsDialog({ field, onSave, onClose }: OptionLabelsDialogProps) {
  const { t } = useI18n();
  const [labels, setLabels] = useState<OptionLabels>(() => ({ ...field.optionLabels }));
  const set = (option: string, lang: 'vi' | 'en', text: string) =>
    setLabels((all) => ({ ...all, [option]: { ...all[option], [lang]: text } }));
  return (
    <Dialog
      title={t('fields.optionLabelsTitle', { field: field.key })}
      onCancel={onClose}
      onConfirm={() => {
        onSave(labels);
        onClose();
      }}
      wide
    >
      <p className="muted">{t('fields.optionLabelsHint')}</p>
      <table className="fields-table option-labels">
        <thead>
          <tr>
            <th scope="col">{t('fields.option')}</th>
            <th scope="col">{t('fields.labelVi')}</th>
            <th scope="col">{t('fields.labelEn')}</th>
          </tr>
        </thead>
        <tbody>
          {field.options.map((option) => (
            <tr key={option}>
              <th scope="row">
                <code>{option}</code>
              </th>
              <td>
                <input
                  aria-label={`${t('fields.labelVi')}: ${option}`}
                  value={labels[option]?.vi ?? ''}
                  onChange={(e) => set(option, 'vi', e.target.value)}
                />
              </td>
              <td>
                <input
                  aria-label={`${t('fields.labelEn')}: ${option}`}
                  value={labels[option]?.en ?? ''}
                  onChange={(e) => set(option, 'en', e.target.value)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
