/**
 * A person a message can reach: a record whose schema says, with `x-person`, which of its
 * fields hold the name, email, phone, language and consent. Consent is data on the person
 * (DESIGN.md decision 10): `{ emailMarketing, smsMarketing, emailUndeliverable,
 * phoneUndeliverable, changedAt }`, every flag absent meaning "not refused".
 */
import type { EntitySchema } from '../../../definitions/definition.js';
import type { RecordData } from '../../../plugins/contract.js';
import type { Lang } from '../../core/index.js';

/** The `x-person` annotation: field names of the person's parts. */
export interface PersonFields {
  name?: string;
  email?: string;
  phone?: string;
  language?: string;
  consent?: string;
}

export interface Consent {
  emailMarketing?: boolean;
  smsMarketing?: boolean;
  emailUndeliverable?: boolean;
  phoneUndeliverable?: boolean;
  changedAt?: string;
}

export interface Person {
  name: string;
  email?: string;
  phone?: string;
  lang: Lang;
  consent: Consent;
  /** The field consent is kept in (none: consent cannot be recorded on this record type). */
  consentField?: string;
}

export function personFields(schema: EntitySchema | undefined): PersonFields | undefined {
  const declared = (schema as { 'x-person'?: unknown } | undefined)?.['x-person'];
  return typeof declared === 'object' && declared !== null ? (declared) : undefined;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** The person in `data`, read through the schema's `x-person`; undefined when the schema declares none. */
export function personOf(schema: EntitySchema | undefined, data: RecordData): Person | undefined {
  const fields = personFields(schema);
  if (!fields) return undefined;
  const consent = fields.consent && typeof data[fields.consent] === 'object' && data[fields.consent] !== null ? (data[fields.consent] as Consent) : {};
  const email = fields.email ? text(data[fields.email]) : undefined;
  const phone = fields.phone ? text(data[fields.phone]) : undefined;
  return {
    name: (fields.name && text(data[fields.name])) ?? '',
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    lang: fields.language && data[fields.language] === 'en' ? 'en' : 'vi',
    consent,
    ...(fields.consent ? { consentField: fields.consent } : {}),
  };
}

/** Why a message may not go to this person on a channel of `address` kind; undefined when it may. */
export function refusal(person: Person, address: 'email' | 'phone' | 'external', marketing: boolean): 'no-address' | 'opted-out' | 'undeliverable' | undefined {
  // A channel's own user id is known to its conversations only, not to a person's record.
  if (address === 'external') return 'no-address';
  if (!(address === 'email' ? person.email : person.phone)) return 'no-address';
  if (address === 'email' ? person.consent.emailUndeliverable : person.consent.phoneUndeliverable) return 'undeliverable';
  if (marketing && (address === 'email' ? person.consent.emailMarketing === false : person.consent.smsMarketing === false)) return 'opted-out';
  return undefined;
}
