/**
 * A record type an admin creates (blank, or a copy of another) and its settings: the
 * workspace group it is listed under (`x-group`), the roles that see every record
 * (`x-access.seeAll`), and whether it is archived (`x-archived`).
 */
import { edit, type Draft } from './draft.js';
import type { Labels } from './pack-types.js';

/** An entity name from a label, as the API accepts it: "Đơn xin visa" → "don-xin-visa". */
export function entityNameFor(text: string): string {
  const name = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join('-')
    .slice(0, 63)
    .replace(/-+$/, '');
  return /^[a-z]/.test(name) ? name : '';
}

export const ENTITY_NAME = /^[a-z][a-z0-9-]{0,62}$/;

export interface PipelineSettings {
  group?: string;
  seeAll?: string[];
}

const l = (vi: string, en: string): Labels => ({ vi, en });

/** A record with a title, from a start stage to an end stage. */
export function blankPipeline(entity: string, labels: Labels, settings: PipelineSettings): Draft {
  return withSettings(
    {
      schema: {
        type: 'object',
        'x-labels': labels,
        'x-title': ['title'],
        required: ['title'],
        properties: { title: { type: 'string', minLength: 1, maxLength: 200, 'x-labels': l('Tiêu đề', 'Title') } },
      },
      machine: {
        id: entity,
        initial: 'open',
        meta: { events: { COMPLETE: l('Hoàn tất', 'Complete') } },
        states: {
          open: { meta: { labels: l('Mới', 'New') }, on: { COMPLETE: 'done' } },
          done: { type: 'final', meta: { labels: l('Hoàn tất', 'Done') } },
        },
      },
    },
    settings,
  );
}

/** Another pipeline under a new name: its stages, fields and rules, its own machine id. */
export function copiedPipeline(source: Draft, entity: string, labels: Labels, settings: PipelineSettings): Draft {
  const oldId = source.machine.id;
  // Targets written from the root ("#opportunity.won") follow the new id.
  const machine = JSON.parse(JSON.stringify(source.machine).split(`"#${oldId}.`).join(`"#${entity}.`)) as Draft['machine'];
  const copy = edit({ schema: structuredClone(source.schema), machine }, (d) => {
    d.machine.id = entity;
    d.schema['x-labels'] = labels;
    delete d.schema['x-archived'];
  });
  return withSettings(copy, settings);
}

export function settingsOf(draft: Draft): PipelineSettings & { archived: boolean } {
  const access = draft.schema['x-access'] as { seeAll?: string[] } | undefined;
  return { group: draft.schema['x-group'], seeAll: access?.seeAll ?? [], archived: draft.schema['x-archived'] === true };
}

/** Set the group, who sees all, or archived; an empty value removes the keyword. */
export function withSettings(draft: Draft, settings: PipelineSettings & { archived?: boolean }): Draft {
  return edit(draft, ({ schema }) => {
    if ('group' in settings) {
      if (settings.group) schema['x-group'] = settings.group;
      else delete schema['x-group'];
    }
    if ('seeAll' in settings) {
      if (settings.seeAll && settings.seeAll.length > 0) schema['x-access'] = { ...(schema['x-access'] as object | undefined), seeAll: settings.seeAll };
      else delete schema['x-access'];
    }
    if ('archived' in settings) {
      if (settings.archived) schema['x-archived'] = true;
      else delete schema['x-archived'];
    }
  });
}
