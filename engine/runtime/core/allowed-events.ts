/** Which events a record accepts in its stage, and whether their guards pass now. */
import { getNextTransitions } from 'xstate';
import type { Labels } from '../../definitions/definition.js';
import type { RecordData, RecordFacts } from '../../plugins/contract.js';
import type { Registry } from '../../plugins/registry.js';
import type { CompiledDefinition } from './compiled-definition.js';
import { evaluateGuard, withGuardEnv } from './guard-evaluation.js';
import { isPresent, readField } from './field-path.js';
import { eventLabels, guardEnv, requiredFieldsOf } from './plan-transition.js';
import type { AllowedEvent } from './record.js';
import { sendersOf } from './event-senders.js';

interface TransitionLike {
  eventType: string;
  guard?: unknown;
  target?: readonly { path: string[] }[];
}

function guardRef(guard: unknown): { type: string; params: unknown } | undefined {
  if (typeof guard === 'string') return { type: guard, params: {} };
  if (guard && typeof guard === 'object' && 'type' in guard) return guard as { type: string; params: unknown };
  return undefined;
}

/** Evaluate every candidate transition's guard with the record's current data. */
export function allowedEvents(
  compiled: CompiledDefinition,
  registry: Registry,
  facts: RecordFacts & { stateValue: unknown; data: RecordData },
): AllowedEvent[] {
  const snapshot = compiled.machine.resolveState({ value: facts.stateValue as never, context: facts.data });
  const env = guardEnv(compiled, registry, facts);
  const byType = new Map<string, AllowedEvent>();
  withGuardEnv(env, () => {
    for (const t of getNextTransitions(snapshot) as TransitionLike[]) {
      if (t.eventType === '' || t.eventType.startsWith('xstate.')) continue;
      const senders = sendersOf(compiled.definition.machine, t.eventType);
      const entry = byType.get(t.eventType) ?? { type: t.eventType, labels: eventLabels(compiled, t.eventType), enabled: false, reasons: [] as Labels[], ...(senders === undefined ? {} : { senders }) };
      byType.set(t.eventType, entry);
      if (entry.enabled) continue;
      const ref = guardRef(t.guard);
      const before = env.trace.length;
      const ok = ref ? evaluateGuard(ref.type, ref.params, facts.data, { type: t.eventType }) : true;
      const target = t.target?.[0]?.path.join('.');
      if (ok) {
        entry.enabled = true;
        entry.reasons = [];
        entry.target = target;
      } else {
        entry.target ??= target;
        entry.reasons.push(...env.trace.slice(before).flatMap((r) => (r.reason ? [r.reason] : [])));
      }
    }
  });
  for (const entry of byType.values()) {
    if (!entry.target || entry.target === facts.stage) continue;
    const missing = requiredFieldsOf(compiled, entry.target).filter((f) => !isPresent(readField(facts.data, f)));
    if (missing.length > 0) entry.missingFields = missing;
  }
  return [...byType.values()];
}
