/**
 * Human names of the engine's own actors (UX.md: "a system actor has a human name"):
 * `system:effect:createRecord` → "Tự động hóa: tạo bản ghi liên quan", `system:web-form` →
 * "Biểu mẫu website". People's ids are named by the user directory instead.
 */
import type { Lang } from '../model/draft.js';
import type { Labels } from '../model/pack-types.js';
import { registryName } from './registry-names.js';

const KNOWN: Record<string, Labels> = {
  'web-form': { vi: 'Biểu mẫu website', en: 'Website form' },
  email: { vi: 'Kênh email', en: 'Email channel' },
  sms: { vi: 'Kênh SMS', en: 'SMS channel' },
  zalo: { vi: 'Zalo OA', en: 'Zalo OA' },
  messenger: { vi: 'Messenger', en: 'Messenger' },
  timer: { vi: 'Hẹn giờ tự động', en: 'Timer' },
  reminder: { vi: 'Nhắc việc tự động', en: 'Reminder' },
  seed: { vi: 'Dữ liệu mẫu', en: 'Demo data' },
  startup: { vi: 'Khởi động hệ thống', en: 'System start-up' },
  import: { vi: 'Nhập từ tệp', en: 'File import' },
};

const AUTOMATION: Labels = { vi: 'Tự động hóa', en: 'Automation' };
const RECURRING: Labels = { vi: 'Việc định kỳ', en: 'Scheduled job' };
const SYSTEM: Labels = { vi: 'Hệ thống', en: 'System' };

/** Whether an actor is the engine itself rather than a person. */
export function isSystemActor(actor: string): boolean {
  return actor.startsWith('system:');
}

/**
 * The name of a system actor in `lang`; undefined for a person.
 * @example actorName('system:effect:createRecord', 'en') // 'Automation: Create a related record'
 */
export function actorName(actor: string, lang: Lang): string | undefined {
  if (!isSystemActor(actor)) return undefined;
  const [, kind = '', detail] = actor.split(':');
  if (kind === 'effect') return detail ? `${AUTOMATION[lang]}: ${registryName(detail, lang).toLocaleLowerCase(lang)}` : AUTOMATION[lang];
  if (kind === 'recurring') return RECURRING[lang];
  return KNOWN[kind]?.[lang] ?? SYSTEM[lang];
}
