/** The channels API as the admin pages use it (engine/api/routes-channels.ts). */
import { request } from '../api/client.js';
import type { Labels } from '../model/pack-types.js';

export interface ChannelSetting {
  key: string;
  variable: string;
  secret: boolean;
  set: boolean;
  value?: unknown;
}

export interface ChannelSummary {
  name: string;
  labels: Labels;
  description: string;
  plugin: string;
  address: 'email' | 'phone' | 'external';
  state: 'ready' | 'off' | 'invalid';
  settings: ChannelSetting[];
  issues: { pointer: string; message: string }[];
  advertising?: { prefix?: string; window?: { from: string; to: string }; perDay?: number };
  segments: boolean;
}

export interface MessageTemplate {
  id: string;
  labels: Labels;
  channel: string;
  purpose: 'marketing' | 'transactional';
  entity?: string;
  subject?: Labels;
  body: Labels;
  stripDiacritics?: boolean;
  version: number;
  updatedAt?: string;
  updatedBy?: string;
}

export interface TemplateEdit {
  subject?: Labels;
  body: Labels;
  stripDiacritics?: boolean;
}

export interface TemplatePreview {
  lang: 'vi' | 'en';
  subject?: string;
  text: string;
  html?: string;
  sms?: { encoding: 'gsm' | 'unicode'; length: number; segments: number; perSegment: number };
}

export const channelsApi = {
  list: () => request<{ items: ChannelSummary[] }>('GET', '/api/channels'),
  test: (channel: string, to: string) => request<{ providerId: string }>('POST', `/api/channels/${encodeURIComponent(channel)}/test`, { to }),
  templates: () => request<{ items: MessageTemplate[] }>('GET', '/api/message-templates'),
  save: (id: string, edit: TemplateEdit & { version: number }) => request<MessageTemplate>('PUT', `/api/message-templates/${encodeURIComponent(id)}`, edit),
  preview: (id: string, record: { entity: string; id: string }, lang: 'vi' | 'en', edit: TemplateEdit) =>
    request<TemplatePreview>('POST', `/api/message-templates/${encodeURIComponent(id)}/preview`, { record, lang, edit }),
};
