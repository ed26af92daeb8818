import { readdir } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkStructure, packFormatSchema } from '../../../engine/definitions/meta-schema.js';
import { fixturePack, readFixture } from './fixture-packs.js';

/** The meta-schema used as a plain JSON Schema, independent of our error mapping. */
function plainValidator(def: string) {
  const ajv = new Ajv2020({ strict: true, discriminator: true });
  ajv.addSchema(packFormatSchema);
  const validate = ajv.getSchema(`${String(packFormatSchema.$id)}#/$defs/${def}`);
  if (!validate) throw new Error(`no $defs/${def}`);
  return validate;
}

describe('pack-format.schema.json', () => {
  it('accepts every file of the mini-crm pack', async () => {
    const files = await readdir(fixturePack('mini-crm'));
    const kinds = { 'pack.json': 'manifest', '.schema.json': 'entitySchema', '.machine.json': 'machine' };
    let checked = 0;
    for (const file of files) {
      const def = Object.entries(kinds).find(([suffix]) => file.endsWith(suffix))?.[1];
      if (!def) continue;
      const validate = plainValidator(def);
      expect(
        validate(await readFixture('mini-crm', file)),
        `${file}: ${JSON.stringify(validate.errors)}`,
      ).toBe(true);
      checked++;
    }
    expect(checked).toBe(7);
  });

  it('explains structure problems in words, one issue per problem', () => {
    const machine = {
      id: 'm',
      initial: 'a',
      states: {
        a: {
          meta: {
            labels: { vi: 'A', en: '' },
            reminders: [{ id: 'r', after: 'two days', do: { type: 'call' } }],
          },
          on: { GO: { target: 3, gaurd: 'x' }, STOP: 5 },
        },
      },
    };
    expect(checkStructure('machine', machine)).toEqual([
      { pointer: '/states/a/meta/labels/en', message: 'state "a": meta.labels.en must not be empty' },
      {
        pointer: '/states/a/meta/reminders/0/after',
        message: 'state "a": meta.reminders[0].after must be an ISO-8601 duration such as PT4H, P3D or P1W',
      },
      {
        pointer: '/states/a/meta/reminders/0/do/type',
        message: 'state "a": meta.reminders[0].do.type must be one of: "notify", "escalate", "send"',
      },
      {
        pointer: '/states/a/on/GO/gaurd',
        message: 'transition "GO" of state "a": gaurd is not allowed here (unknown property)',
      },
      {
        pointer: '/states/a/on/GO/target',
        message: 'transition "GO" of state "a": target must be a string or an array',
      },
      {
        pointer: '/states/a/on/STOP',
        message: 'transition "STOP" of state "a" must be a string, an object or an array',
      },
    ]);
  });

  it('requires labels on the schema and on every property', () => {
    expect(checkStructure('entitySchema', { type: 'object', properties: { a: { type: 'string' } } })).toEqual(
      [
        { pointer: '', message: 'the schema is missing "x-labels"' },
        { pointer: '/properties/a', message: 'field "a" is missing "x-labels"' },
      ],
    );
  });
});

describe('the roles the pack format names', () => {
  it('are the roles users may have', async () => {
    const { ROLES } = await import('../../../engine/definitions/access-keyword.js');
    const format = packFormatSchema as { $defs: { eventSenders: { oneOf: { items?: { enum: string[] } }[] } } };
    expect(format.$defs.eventSenders.oneOf[1]?.items?.enum).toEqual([...ROLES]);
  });
});
