/** The channels API as the admin pages use it (engine/api/routes-channels.ts). */
import { request } from '../api/client.js';
import type { RequestBody, ResponseBody, Schemas } from '../api/types.js';

export type ChannelSummary = Schemas['Channel'];
export type ChannelSetting = ChannelSummary['settings'][number];

export type MessageTemplate = Schemas['MessageTemplate'];
export type TemplateEdit = NonNullable<RequestBody<'previewMessageTemplate'>['edit']>;
export type TemplatePreview = Schemas['TemplatePreview'];

export const channelsApi = {
  list: () => request<ResponseBody<'listChannels'>>('GET', '/api/channels'),
  test: (channel: string, to: string) => request<ResponseBody<'testChannel'>>('POST', `/api/channels/${encodeURIComponent(channel)}/test`, { to }),
  templates: () => request<ResponseBody<'listMessageTemplates'>>('GET', '/api/message-templates'),
  save: (id: string, edit: TemplateEdit & { version: number }) => request<MessageTemplate>('PUT', `/api/message-templates/${encodeURIComponent(id)}`, edit),
  preview: (id: string, record: { entity: string; id: string }, lang: 'vi' | 'en', edit: TemplateEdit) =>
    request<TemplatePreview>('POST', `/api/message-templates/${encodeURIComponent(id)}/preview`, { record, lang, edit }),
};
