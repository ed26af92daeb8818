/**
 * Who may send which event (DESIGN.md decision 9), as the pack declares it in the
 * machine's `meta.senders`: "system" for facts from outside (an email was opened, a
 * message arrived, a birthday came), which only plugins, timers and automations report;
 * or the roles that may (admins may send any event that is not the system's). An event
 * the pack does not name is open to anyone who sees the record.
 */
import type { EventSenders, Labels, MachineConfig } from '../../definitions/definition.js';
import { UserError } from '../../errors.js';
import { isSystemActor } from './reference-reach.js';

/** The roles of a person, or undefined when the actor is no user (then only open events). */
export type RolesOf = (actor: string) => Promise<readonly string[] | undefined>;

/** The declaration of one event, if any. */
export function sendersOf(machine: MachineConfig, event: string): EventSenders | undefined {
  const senders = machine.meta?.senders;
  return senders !== undefined && Object.hasOwn(senders, event) ? senders[event] : undefined;
}

/**
 * Whether a person with `roles` may send an event declared `senders`.
 * @example maySend(['accountant'], ['sales']) // false
 */
export function maySend(senders: EventSenders | undefined, roles: readonly string[] | undefined): boolean {
  if (senders === undefined) return true;
  if (senders === 'system' || roles === undefined) return false;
  return roles.includes('admin') || roles.some((role) => senders.includes(role as never));
}

/**
 * Refuse, `forbidden` naming the event, when `actor` may not send it. System actors send
 * anything; without `rolesOf` nothing is checked (an engine with no users).
 */
export async function assertMaySend(machine: MachineConfig, event: string, actor: string, rolesOf: RolesOf | undefined, labels?: Labels): Promise<void> {
  if (rolesOf === undefined || isSystemActor(actor)) return;
  const senders = sendersOf(machine, event);
  if (senders === undefined) return;
  if (maySend(senders, await rolesOf(actor))) return;
  const name = labels ? `"${labels.en}" (${event})` : event;
  const who = senders === 'system' ? 'is reported by the system only (an integration, a timer or an automation)' : `may be sent only by ${senders.join(', ')}`;
  throw new UserError('forbidden', `${name} ${who}`, { extra: { event, senders } });
}
