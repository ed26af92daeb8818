/** What a reminder says on the timeline: its message, found by stage path and id in the machine. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MachineConfig } from '../../designer/src/model/pack-types.js';
import { reminderMessage } from '../../designer/src/workspace/pipeline-model.js';

const machine = (entity: string) =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../../definitions/travel-crm/${entity}.machine.json`), 'utf8')) as MachineConfig;

describe('reminderMessage', () => {
  it('finds the message of a reminder of a top-level stage', () => {
    expect(reminderMessage(machine('contract'), 'signed', 'depositOverdue')).toEqual({
      vi: 'Khách chưa đặt cọc đúng hạn',
      en: 'Deposit not paid on time',
    });
    expect(reminderMessage(machine('lead'), 'new', 'contactNewLead')?.en).toBe('New lead not contacted after 4 hours');
  });

  it('says nothing for a stage or reminder that is not there', () => {
    expect(reminderMessage(machine('lead'), 'nowhere', 'contactNewLead')).toBeUndefined();
    expect(reminderMessage(machine('lead'), 'new', 'gone')).toBeUndefined();
  });
});
