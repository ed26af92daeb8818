/**
 * Website forms (pack.json `webForms`): a public form creates a record of one entity from
 * the fields it lists, or, for a person already known (same phone, then same email, in the
 * entities `dedupe.in`), sends `dedupe.event` to their record instead of creating a
 * duplicate. Every submission is refused with a reason, storing nothing, when it is
 * automated (the honeypot is filled), too frequent from one address (a window counted in
 * the store, so it holds across processes and concurrent requests), or not what the form
 * asks for; a repeated submission (same idempotency key) answers as the first did.
 */
import { createHash } from 'node:crypto';
import type { Labels, WebForm } from '../../definitions/definition.js';
import { DuplicateKeyError, UserError, VersionConflictError, type Issue } from '../../errors.js';
import type { RecordData } from '../../plugins/contract.js';
import type { Registry } from '../../plugins/registry.js';
import type { Store } from '../../store/store.js';
import { personFields } from './channels/person.js';
import type { Assigner } from './assignment.js';
import type { RecordService } from './record-service.js';
import { RECORDS, FORM_RATES, FORM_SUBMISSIONS } from '../../collections.js';
import type { CompiledDefinitions, RecordDoc } from '../core/index.js';

/** The honeypot: a field people never see, so never fill. */
export const HONEYPOT = 'website_url';
/** Submissions one address may make to one form per window. */
export const FORM_RATE_LIMIT = 5;
export const FORM_RATE_WINDOW_MS = 10 * 60_000;

/** One field of a form as the page renders it. */
export interface FormField {
  key: string;
  labels: Labels;
  required: boolean;
  type: 'text' | 'email' | 'tel' | 'number' | 'date' | 'textarea' | 'select';
  options?: { value: string; labels: Labels }[];
  min?: number;
  max?: number;
}

export interface FormView {
  id: string;
  labels: Labels;
  fields: FormField[];
  success: Labels;
  origins: string[];
}

export interface FormSubmission {
  fields: Record<string, unknown>;
  /** The honeypot's value ('' or absent from people). */
  honeypot?: string;
  /** Against double submits: the same key answers the same. */
  key?: string;
  page?: string;
  referrer?: string;
  /** The address the request came from (rate limit). */
  address: string;
}

export interface FormOutcome {
  outcome: 'created' | 'matched';
  entity: string;
  id: string;
}

const DEFAULT_SUCCESS: Labels = { vi: 'Cảm ơn bạn! Chúng tôi sẽ liên hệ lại sớm.', en: 'Thank you! We will get back to you soon.' };
/** The page's UTM parameters (`utm_source`, …), kept as `utmSource`, …. */
const UTM_PARAM = /^utm_([a-z]{1,20})$/;

type Json = Record<string, unknown>;

function fieldType(schema: Json): FormField['type'] {
  if (Array.isArray(schema.enum)) return 'select';
  if (schema.format === 'email') return 'email';
  if (schema.format === 'date') return 'date';
  if (schema['x-widget'] === 'phone') return 'tel';
  if (schema['x-widget'] === 'textarea') return 'textarea';
  if (schema.type === 'integer' || schema.type === 'number') return 'number';
  return 'text';
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A pattern matching a Vietnamese number however it was typed (0…, +84…, spaces, dots, dashes). */
function phonePattern(phone: string): string | undefined {
  const digits = phone.replace(/\D/g, '').replace(/^(84|0)/, '');
  if (digits.length < 8) return undefined;
  return `^(\\+?84|0)[ .-]?${[...digits].map((d) => `${d}[ .-]?`).join('')}$`;
}

export class WebForms {
  constructor(
    private readonly store: Store,
    private readonly records: RecordService,
    private readonly compiled: CompiledDefinitions,
    private readonly registry: Registry,
    private readonly forms: WebForm[],
    /** Origins allowed for every form (FORM_ORIGINS), beside each form's own. */
    private readonly extraOrigins: string[] = [],
    /** Gives new records to someone by the pack's assignment rules. */
    private readonly assigner?: Assigner,
  ) {}

  private form(id: string): WebForm {
    const form = this.forms.find((f) => f.id === id);
    if (!form) throw new UserError('not-found', `There is no form "${id}"`);
    return form;
  }

  /** The origins that may embed or post to a form. */
  origins(id: string): string[] {
    return [...new Set([...(this.form(id).origins ?? []), ...this.extraOrigins])];
  }

  /** What the form says once a submission is taken. */
  success(id: string): Labels {
    return this.form(id).success ?? DEFAULT_SUCCESS;
  }

  async describe(id: string): Promise<FormView> {
    const form = this.form(id);
    const schema = (await this.compiled.latest(form.entity)).definition.schema as Json;
    const properties = (schema.properties ?? {}) as Record<string, Json>;
    const required = new Set([...((schema.required as string[] | undefined) ?? []), ...(form.required ?? [])]);
    const fields: FormField[] = form.fields.map((key) => {
      const field = properties[key] ?? {};
      const enumLabels = (field['x-enumLabels'] ?? {}) as Record<string, Labels>;
      return {
        key,
        labels: (field['x-labels'] as Labels | undefined) ?? { vi: key, en: key },
        required: required.has(key),
        type: fieldType(field),
        ...(Array.isArray(field.enum) ? { options: (field.enum as string[]).map((value) => ({ value, labels: enumLabels[value] ?? { vi: value, en: value } })) } : {}),
        ...(typeof field.minimum === 'number' ? { min: field.minimum } : {}),
        ...(typeof field.maximum === 'number' ? { max: field.maximum } : {}),
      };
    });
    return { id, labels: form.labels, fields, success: this.success(id), origins: this.origins(id) };
  }

  /**
   * Take a submission: refuse it (a UserError naming each failing field, nothing stored),
   * match a known person, or create the record.
   */
  async submit(id: string, submission: FormSubmission): Promise<FormOutcome> {
    const form = this.form(id);
    if (submission.honeypot) {
      throw new UserError('invalid-request', 'This submission looks automated: it was not saved', { issues: [{ pointer: `/${HONEYPOT}`, message: 'must be left empty' }] });
    }
    const key = submission.key ? `form:${id}:${submission.key}` : undefined;
    const done = key ? await this.store.get<FormOutcome & { _id: string; [key: string]: unknown }>(FORM_SUBMISSIONS, key) : undefined;
    if (done) return { outcome: done.outcome, entity: done.entity, id: done.id };
    const view = await this.describe(id);
    const issues: Issue[] = [];
    const data: RecordData = {};
    for (const [key, value] of Object.entries(submission.fields)) {
      const field = view.fields.find((f) => f.key === key);
      if (!field) {
        issues.push({ pointer: `/${key}`, message: 'is not a field of this form' });
        continue;
      }
      if (value === '' || value === null || value === undefined) continue;
      data[key] = field.type === 'number' && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : typeof value === 'string' ? value.trim() : value;
    }
    for (const field of view.fields) if (field.required && data[field.key] === undefined) issues.push({ pointer: `/${field.key}`, message: 'is required' });
    if (issues.length > 0) throw new UserError('validation-failed', `The form has ${issues.length} problem${issues.length === 1 ? '' : 's'}`, { issues });
    await this.countSubmission(id, submission.address);

    for (const [field, action] of Object.entries(form.normalize ?? {})) {
      const def = this.registry.action(action);
      if (def?.kind === 'data' && data[field] !== undefined) Object.assign(data, def.apply({ data, event: { type: 'FORM_SUBMITTED' }, record: { id: '', entity: form.entity, stage: '', activitiesDone: [] }, stageMeta: () => undefined }, { field } as never));
    }
    const source = this.sourceOf(submission);
    const actor = `system:form:${id}`;
    const outcome = await this.place(form, data, source, actor, key);
    if (key) await this.store.commit([{ op: 'put', collection: FORM_SUBMISSIONS, doc: { _id: key, ...outcome, at: new Date().toISOString() } }]);
    return outcome;
  }

  /** Give the submission to a person already known, or create the record. */
  private async place(form: WebForm, data: RecordData, source: Record<string, string>, actor: string, key: string | undefined): Promise<FormOutcome> {
    const id = form.id;

    if (form.dedupe) {
      const known = await this.findPerson(form.dedupe.in, form.entity, data);
      for (const record of known) {
        try {
          await this.records.send(record.entity, record._id, { type: form.dedupe.event, payload: { form: id, ...data, ...source } }, actor, key ? { idempotencyKey: key } : {});
          return { outcome: 'matched', entity: record.entity, id: record._id };
        } catch (error) {
          // A record in a stage that no longer takes inquiries (a closed lead): try the next, then create.
          if (!(error instanceof UserError && (error.code === 'event-not-allowed' || error.code === 'guard-refused'))) throw error;
        }
      }
    }
    const created = await this.records.create(
      form.entity,
      { data: { ...data, ...(form.set ?? {}), ...(form.sourceField ? { [form.sourceField]: { form: id, ...source } } : {}) } },
      actor,
      key ? { idempotencyKey: key } : {},
    );
    await this.assigner?.assign(form.entity, created._id);
    return { outcome: 'created', entity: form.entity, id: created._id };
  }

  /** Where the submission came from: the page, its referrer and its UTM parameters. */
  private sourceOf(submission: FormSubmission): Record<string, string> {
    const out: Record<string, string> = {};
    if (submission.page) out.page = submission.page.slice(0, 500);
    if (submission.referrer) out.referrer = submission.referrer.slice(0, 500);
    try {
      const url = submission.page ? new URL(submission.page) : undefined;
      for (const [name, value] of url?.searchParams ?? []) {
        const part = UTM_PARAM.exec(name)?.[1];
        if (part && value) out[`utm${part.charAt(0).toUpperCase()}${part.slice(1)}`] = value.slice(0, 200);
      }
    } catch {
      // Not a URL: kept as text above, no UTM.
    }
    return out;
  }

  /** Records of people with the same phone, then the same email, newest first. */
  private async findPerson(entities: string[], formEntity: string, data: RecordData): Promise<RecordDoc[]> {
    const formFields = personFields((await this.compiled.latest(formEntity)).definition.schema);
    const phone = formFields?.phone ? data[formFields.phone] : undefined;
    const email = formFields?.email ? data[formFields.email] : undefined;
    const found: RecordDoc[] = [];
    for (const by of ['phone', 'email'] as const) {
      const value = by === 'phone' ? phone : email;
      if (typeof value !== 'string' || value === '') continue;
      const pattern = by === 'phone' ? phonePattern(value) : `^${escapeRegex(value.trim())}$`;
      if (!pattern) continue;
      for (const entity of entities) {
        const field = personFields((await this.compiled.latest(entity)).definition.schema)?.[by];
        if (!field) continue;
        const docs = await this.store.find<RecordDoc>(RECORDS, { entity, [`data.${field}`]: { $regex: pattern, $options: 'i' } }, { sort: { updatedAt: -1 }, limit: 5 });
        for (const doc of docs) if (!found.some((f) => f._id === doc._id)) found.push(doc);
      }
      if (found.length > 0) return found;
    }
    return found;
  }

  /** Count a submission from `address` in the current window; refuse past the limit. */
  private async countSubmission(form: string, address: string): Promise<void> {
    const window = Math.floor(Date.now() / FORM_RATE_WINDOW_MS);
    const id = `${form}:${createHash('sha256').update(address).digest('hex').slice(0, 24)}:${window}`;
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = await this.store.get<{ _id: string; count: number; version: number; expiresAt: string }>(FORM_RATES, id);
      if (current && current.count >= FORM_RATE_LIMIT) {
        const retryAfter = Math.ceil(((window + 1) * FORM_RATE_WINDOW_MS - Date.now()) / 1000);
        throw new UserError('too-many-attempts', `Too many submissions from this address: try again in ${Math.ceil(retryAfter / 60)} minutes`, { extra: { retryAfterSeconds: retryAfter } });
      }
      const next = { _id: id, count: (current?.count ?? 0) + 1, version: (current?.version ?? 0) + 1, expiresAt: new Date((window + 1) * FORM_RATE_WINDOW_MS).toISOString() };
      try {
        await this.store.commit([current ? { op: 'put', collection: FORM_RATES, doc: next, expectVersion: current.version } : { op: 'insert', collection: FORM_RATES, doc: next }]);
        return;
      } catch (error) {
        if (!(error instanceof VersionConflictError || error instanceof DuplicateKeyError)) throw error;
      }
    }
    throw new UserError('too-many-attempts', 'Too many submissions at once from this address: try again in a moment');
  }
}
