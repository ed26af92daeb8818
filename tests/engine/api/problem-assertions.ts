/** Assertions shared by the API tests: problem+json replies and "nothing changed". */
import { expect } from 'vitest';
import type { ProblemDocument } from '../../../engine/api/problem.js';
import type { ErrorCode } from '../../../engine/errors.js';
import type { EventLogDoc, RecordView } from '../../../engine/runtime/core/record.js';
import type { Client, Reply } from './test-client.js';

/**
 * Assert a reply is an RFC 9457 problem with this status and code, and (when given)
 * that one of its errors points at `pointer`. Returns the document for further checks.
 */
export function expectProblem(
  reply: Reply<unknown>,
  status: number,
  code: ErrorCode,
  pointer?: string,
): ProblemDocument {
  const problem = reply.body as ProblemDocument;
  expect({ status: reply.status, type: problem.type }).toEqual({
    status,
    type: `urn:tourflow:problem:${code}`,
  });
  expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json\b/);
  expect(problem.status).toBe(status);
  expect(typeof problem.title).toBe('string');
  expect(typeof problem.detail).toBe('string');
  expect(typeof problem.instance).toBe('string');
  if (pointer !== undefined) expect(problem.errors?.map((e) => e.pointer)).toContain(pointer);
  return problem;
}

/** What a record looks like from outside: the record itself, its timeline, and the count of its entity. */
export interface RecordSnapshot {
  record: RecordView | undefined;
  timeline: EventLogDoc[];
  total: number;
}

/** Read a record, its timeline and its entity's total, to compare before and after a refused request. */
export async function snapshot(api: Client, entity: string, id?: string): Promise<RecordSnapshot> {
  const list = await api.get<{ total: number }>(`/api/records/${entity}?limit=1`);
  if (id === undefined) return { record: undefined, timeline: [], total: list.body.total };
  const record = await api.get<RecordView>(`/api/records/${entity}/${id}`);
  const timeline = await api.get<{ items: EventLogDoc[] }>(`/api/records/${entity}/${id}/timeline`);
  return {
    record: record.status === 200 ? record.body : undefined,
    timeline: timeline.body.items ?? [],
    total: list.body.total,
  };
}
