/** The pack format's parts the OpenAPI document embeds: self-contained, and as strict as a pack file's check. */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { packDef } from '../../../engine/api/pack-schemas.js';

describe('packDef', () => {
  it('inlines what a def refers to, so the schema stands alone in the document', () => {
    const rule = packDef('assignmentRule');
    expect(JSON.stringify(rule)).not.toContain('#/$defs/');
    const validate = new Ajv2020({ strict: false }).compile(rule as object);
    const good = { id: 'in-turn', labels: { vi: 'Chia đều', en: 'In turn' }, entity: 'lead', strategy: 'round-robin', role: 'sales' };
    expect(validate(good)).toBe(true);
    // What the pack format refuses (an unknown strategy, a label in one language, a bad name) it refuses too.
    expect(validate({ ...good, strategy: 'random' })).toBe(false);
    expect(validate({ ...good, labels: { vi: 'Chia đều' } })).toBe(false);
    expect(validate({ ...good, id: '1st' })).toBe(false);
  });

  it('refuses a def that refers to itself, and a def the format does not have', () => {
    expect(() => packDef('state')).toThrow(/refers to itself/);
    expect(() => packDef('noSuchDef')).toThrow(/no \$defs\/noSuchDef/);
  });
});
