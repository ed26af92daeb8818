/** A stage's reminders: when they fire and what they do. */
import { useI18n } from '../../i18n/useI18n.js';
import { PanelSection } from './PanelSection.js';
import { uniqueName, type Draft } from '../../model/draft.js';
import type { ReminderDecl } from '../../model/pack-types.js';
import { ReminderCard } from './ReminderCard.js';

export interface RemindersEditorProps {
  stage: string;
  draft: Draft;
  reminders: ReminderDecl[];
  onChange: (reminders: ReminderDecl[], coalesce?: string) => void;
}

export function RemindersEditor({ stage, draft, reminders, onChange }: RemindersEditorProps) {
  const { t } = useI18n();
  const add = () => {
    const id = uniqueName(
      'reminder',
      reminders.map((r) => r.id),
    );
    onChange([
      ...reminders,
      {
        id,
        after: 'P1D',
        do: {
          type: 'notify',
          to: 'owner',
          message: { vi: t('reminder.defaultVi'), en: t('reminder.defaultEn') },
        },
      },
    ]);
  };
  return (
    <PanelSection id="RemindersEditor-1" title={<>{t('stage.reminders')} <span className="count">{reminders.length}</span></>}>
      {reminders.map((reminder, i) => (
        <ReminderCard
          key={i}
          id={`reminder-${stage}-${i}`}
          draft={draft}
          stage={stage}
          reminder={reminder}
          onChange={(next, coalesce) =>
            onChange(
              reminders.map((r, j) => (j === i ? next : r)),
              coalesce,
            )
          }
          onRemove={() => onChange(reminders.filter((_, j) => j !== i))}
        />
      ))}
      <button type="button" className="btn btn-link btn-sm" onClick={add}>
        + {t('reminder.add')}
      </button>
    </PanelSection>
  );
}
