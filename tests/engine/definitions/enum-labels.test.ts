import { afterEach, describe, expect, it } from 'vitest';
import { checkEnumLabels } from '../../../engine/definitions/check-enum-labels.js';
import { createEntityAjv } from '../../../engine/definitions/entity-ajv.js';
import { formatIssues, loadPack } from '../../../engine/definitions/load-pack.js';
import { checkEntitySchema } from '../../../engine/definitions/validate-entity.js';
import { copyPack, patchJson, type Json } from './fixture-packs.js';
import { testRegistry } from './test-registry.js';

const l = (en: string) => ({ vi: `${en} (vi)`, en });

function schemaWith(fields: Json): Json {
  return { type: 'object', 'x-labels': l('Job'), properties: fields };
}

const kind = (labels: unknown): Json => ({
  type: 'string',
  enum: ['individual', 'group'],
  'x-labels': l('Kind'),
  'x-enumLabels': labels,
});

describe('x-enumLabels', () => {
  it('accepts labels for some or all enum values, also inside array items', () => {
    const schema = schemaWith({
      kind: kind({ individual: { vi: 'Cá nhân', en: 'Individual' } }),
      tags: {
        type: 'array',
        'x-labels': l('Tags'),
        items: {
          enum: ['vip', 'new'],
          'x-enumLabels': { vip: { vi: 'VIP', en: 'VIP' }, new: { vi: 'Mới', en: 'New' } },
        },
      },
    });
    expect(checkEntitySchema(schema)).toEqual([]);
  });

  it('is a keyword the record validator accepts and ignores', () => {
    const validate = createEntityAjv().compile(
      schemaWith({ kind: kind({ group: { vi: 'Đoàn', en: 'Group' } }) }),
    );
    expect(validate({ kind: 'group' })).toBe(true);
    expect(validate({ kind: 'Group' })).toBe(false);
  });

  it('names a label for a value the enum does not have', () => {
    const schema = schemaWith({ kind: kind({ indiviual: { vi: 'Cá nhân', en: 'Individual' } }) });
    expect(checkEntitySchema(schema)).toEqual([
      {
        pointer: '/properties/kind/x-enumLabels/indiviual',
        message:
          'field "kind": x-enumLabels.indiviual labels "indiviual", which is not one of the enum\'s values ("individual", "group")',
      },
    ]);
  });

  it('wants a non-empty vi and en for each label, and nothing else in it', () => {
    const schema = schemaWith({
      kind: kind({ individual: { vi: ' ', en: 'Individual' }, group: { en: 'Group', fr: 'Groupe' } }),
    });
    expect(checkEnumLabels(schema)).toEqual([
      {
        pointer: '/properties/kind/x-enumLabels/individual/vi',
        message: 'field "kind": x-enumLabels.individual.vi must be a non-empty text',
      },
      {
        pointer: '/properties/kind/x-enumLabels/group/vi',
        message: 'field "kind": x-enumLabels.group.vi must be a non-empty text',
      },
      {
        pointer: '/properties/kind/x-enumLabels/group/fr',
        message: 'field "kind": x-enumLabels.group.fr is not allowed here: a label has only "vi" and "en"',
      },
    ]);
  });

  it('checks labels inside array items and wants an enum beside the keyword', () => {
    const schema = schemaWith({
      tags: {
        type: 'array',
        'x-labels': l('Tags'),
        items: { enum: ['vip'], 'x-enumLabels': { vip: 'VIP' } },
      },
      note: { type: 'string', 'x-labels': l('Note'), 'x-enumLabels': { a: l('A') } },
      kind: kind(['Individual']),
    });
    expect(checkEnumLabels(schema)).toEqual([
      {
        pointer: '/properties/tags/items/x-enumLabels/vip',
        message: 'field "tags": items.x-enumLabels.vip must be an object { "vi": …, "en": … }',
      },
      {
        pointer: '/properties/note/x-enumLabels',
        message: 'field "note": x-enumLabels needs an "enum" beside it: it labels the values of that enum',
      },
      {
        pointer: '/properties/kind/x-enumLabels',
        message: 'field "kind": x-enumLabels must be an object: { "<value>": { "vi": …, "en": … } }',
      },
    ]);
  });

  it('labels non-text enum values by their JSON text', () => {
    const schema = schemaWith({
      stars: {
        type: 'integer',
        enum: [3, 4, 5],
        'x-labels': l('Stars'),
        'x-enumLabels': { '4': l('Four'), '6': l('Six') },
      },
    });
    expect(checkEnumLabels(schema).map((i) => i.pointer)).toEqual(['/properties/stars/x-enumLabels/6']);
  });
});

describe('loadPack with x-enumLabels', () => {
  const disposers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(disposers.splice(0).map((dispose) => dispose()));
  });

  it('loads labelled enums and reports a bad one with its file and pointer', async () => {
    const copy = await copyPack('mini-crm');
    disposers.push(copy.dispose);
    const web = { vi: 'Trang web', en: 'Website' };
    await patchJson(copy.dir, 'inquiry.schema.json', { '/properties/source/x-enumLabels': { web } });
    const good = await loadPack(copy.dir, testRegistry());
    if (!good.ok) throw new Error(formatIssues(good.issues));
    const source = good.pack.entities[0]?.schema.properties?.source as Json | undefined;
    expect(source?.['x-enumLabels']).toEqual({ web });

    await patchJson(copy.dir, 'inquiry.schema.json', { '/properties/source/x-enumLabels': { email: web } });
    const bad = await loadPack(copy.dir, testRegistry());
    expect(bad.ok ? [] : bad.issues).toEqual([
      {
        file: 'inquiry.schema.json',
        pointer: '/properties/source/x-enumLabels/email',
        message:
          'field "source": x-enumLabels.email labels "email", which is not one of the enum\'s values ("web", "phone", "referral")',
      },
    ]);
  });
});
