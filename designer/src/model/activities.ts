/** Activities of a stage: the title each type starts with, and what follows a change of type. */
import { en, type MessageKey } from '../i18n/messages-en.js';
import { vi } from '../i18n/messages-vi.js';
import { uniqueName } from './draft.js';
import type { ActivityDecl } from './pack-types.js';

/** The title an activity of a type gets until someone writes another, in both languages. */
export function defaultActivityTitle(type: string): { vi: string; en: string } {
  if (type === 'call') return { vi: vi['activity.newVi'], en: en['activity.newEn'] };
  const key = `activityType.${type}` as MessageKey;
  return key in en ? { vi: vi[key as keyof typeof vi], en: en[key] } : { vi: type, en: type };
}

const sameTitle = (a: { vi: string; en: string }, b: { vi: string; en: string }) => a.vi === b.vi && a.en === b.en;

/** A new type for an activity: an id still derived from the old type follows it, and so does a default title. */
export function retypeActivity(activity: ActivityDecl, type: string, otherIds: string[]): Partial<ActivityDecl> {
  const title = sameTitle(activity.title, defaultActivityTitle(activity.type)) ? { title: defaultActivityTitle(type) } : {};
  if (!new RegExp(`^${activity.type}\\d*$`).test(activity.id)) return { type, ...title };
  return { type, ...title, id: uniqueName(type, otherIds) };
}

