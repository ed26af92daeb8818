/** Why a message did not go, in words: the engine's reason codes by name; a provider's own words stay as they are. */
import type { WorkKey } from './messages.js';

const REASONS = new Set(['no-address', 'opted-out', 'undeliverable', 'channel-off']);

/** Whether the engine wrote this reason (a code people read through a message), not a provider. */
export function isReasonCode(reason: string): boolean {
  return REASONS.has(reason);
}

export function messageReasonText(reason: string, w: (key: WorkKey) => string): string {
  return isReasonCode(reason) ? w(`message.reason.${reason}` as WorkKey) : reason;
}
