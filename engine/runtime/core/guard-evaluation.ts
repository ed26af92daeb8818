/**
 * Guards run inside XState's synchronous `transition()`, which only hands them context
 * and event. The record's other facts and the trace of verdicts travel through a scoped
 * environment set for the duration of that synchronous call.
 */
import type { Labels } from '../../definitions/definition.js';
import { UnexpectedError, ensureError } from '../../errors.js';
import type { GuardContext, RecordFacts } from '../../plugins/contract.js';
import type { Registry } from '../../plugins/registry.js';

export interface GuardTraceEntry {
  guard: string;
  params: unknown;
  ok: boolean;
  reason?: Labels;
}

export interface GuardEnv {
  registry: Registry;
  record: RecordFacts;
  stageMeta: GuardContext['stageMeta'];
  fieldLabel?: GuardContext['fieldLabel'];
  valueLabel?: GuardContext['valueLabel'];
  trace: GuardTraceEntry[];
}

/**
 * Marks the context of a machine started without input (./compiled-definition.ts). XState's
 * `transition()` and `initialTransition()` first build a throwaway initial snapshot (an
 * inert actor, started without input), which runs the start stage's eventless guards:
 * guards called with a marked context (XState copies the object, the symbol key survives)
 * are answered `false` unevaluated and left out of the trace, which then holds only the
 * transitions the step itself tried, and costs nothing more.
 */
export const INERT_CONTEXT = Symbol('inert context');

let current: GuardEnv | undefined;

/** Run `fn` (synchronous) with guards able to see `env`. */
export function withGuardEnv<T>(env: GuardEnv, fn: () => T): T {
  const previous = current;
  current = env;
  try {
    return fn();
  } finally {
    current = previous;
  }
}

/** Called by the XState guard stubs: evaluate a registered guard and trace its verdict. */
export function evaluateGuard(
  name: string,
  params: unknown,
  data: Record<string, unknown>,
  event: GuardContext['event'],
): boolean {
  if (INERT_CONTEXT in data) return false;
  const env = current;
  if (!env) throw new UnexpectedError(`Guard "${name}" evaluated outside of the runtime`);
  const def = env.registry.guard(name);
  let entry: GuardTraceEntry;
  if (!def) {
    entry = { guard: name, params, ok: false, reason: { en: `Unknown guard ${name}`, vi: `Không có điều kiện ${name}` } };
  } else {
    try {
      const names = { ...(env.fieldLabel ? { fieldLabel: env.fieldLabel } : {}), ...(env.valueLabel ? { valueLabel: env.valueLabel } : {}) };
      const verdict = def.evaluate({ data, event, record: env.record, stageMeta: env.stageMeta, ...names }, (params ?? {}) as never);
      entry = { guard: name, params, ok: verdict.ok, reason: verdict.ok ? undefined : verdict.reason };
    } catch (error) {
      const message = ensureError(error).message;
      entry = { guard: name, params, ok: false, reason: { en: `${name} failed: ${message}`, vi: `${name} lỗi: ${message}` } };
    }
  }
  if (!entry.ok && !entry.reason) entry.reason = { en: `${name} is not satisfied`, vi: `Chưa thỏa điều kiện ${name}` };
  env.trace.push(entry);
  return entry.ok;
}
