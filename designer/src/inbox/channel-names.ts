/** What people call a channel: the conversation schema's labels for its values, else the channel's own name. */
import type { EntitySchema, Labels } from '../model/pack-types.js';

const KNOWN: Record<string, Labels> = {
  email: { vi: 'Email', en: 'Email' },
  sms: { vi: 'SMS', en: 'SMS' },
  website: { vi: 'Website', en: 'Website' },
  zalo: { vi: 'Zalo', en: 'Zalo' },
  facebook: { vi: 'Facebook', en: 'Facebook' },
  messenger: { vi: 'Messenger', en: 'Messenger' },
};

export function channelLabels(schema: EntitySchema | undefined, channelField: string, value: string): Labels {
  const field = (schema?.properties as Record<string, { 'x-enumLabels'?: Record<string, Labels> }> | undefined)?.[channelField];
  return field?.['x-enumLabels']?.[value] ?? KNOWN[value] ?? { vi: value, en: value };
}
