/**
 * Message templates: the packs' declarations, each overlaid with an admin's edit when there
 * is one (collection `message-templates`, versioned: a save names the version it was based
 * on, so two admins never overwrite each other silently). An edit is checked like a pack
 * file (Liquid parses, both languages present) before it is stored.
 */
import type { Labels, MessageTemplate } from '../../../definitions/definition.js';
import { UserError, VersionConflictError, type Issue } from '../../../errors.js';
import type { Store } from '../../../store/store.js';
import { templateIssues } from '../../core/index.js';
import { TEMPLATE_EDITS } from '../../../collections.js';

/** A template as the API shows it: the pack's, or an admin's edit of it. */
export interface TemplateView extends MessageTemplate {
  /** 0 for the pack's own text; each admin save adds one. */
  version: number;
  updatedAt?: string;
  updatedBy?: string;
}

interface TemplateEditDoc {
  _id: string;
  subject?: Labels;
  body: Labels;
  stripDiacritics?: boolean;
  version: number;
  updatedAt: string;
  updatedBy: string;
  [key: string]: unknown;
}

export interface TemplateEdit {
  subject?: Labels;
  body: Labels;
  stripDiacritics?: boolean;
  /** The version the edit was based on. */
  version: number;
}

const MAX_TEXT = 20_000;

function labelIssues(value: unknown, pointer: string, required: boolean): Issue[] {
  if (value === undefined) return required ? [{ pointer, message: 'is required in Vietnamese and English' }] : [];
  if (typeof value !== 'object' || value === null) return [{ pointer, message: 'must have a Vietnamese and an English text' }];
  const issues: Issue[] = [];
  for (const lang of ['vi', 'en'] as const) {
    const text = (value as Record<string, unknown>)[lang];
    if (typeof text !== 'string' || text.trim() === '') issues.push({ pointer: `${pointer}/${lang}`, message: lang === 'vi' ? 'the Vietnamese text is empty' : 'the English text is empty' });
    else if (text.length > MAX_TEXT) issues.push({ pointer: `${pointer}/${lang}`, message: `is longer than ${MAX_TEXT} characters` });
    else issues.push(...templateIssues(text, `${pointer}/${lang}`));
  }
  return issues;
}

export class TemplateBook {
  constructor(
    private readonly store: Store,
    private readonly declared: () => MessageTemplate[],
  ) {}

  async list(): Promise<TemplateView[]> {
    const edits = new Map((await this.store.find<TemplateEditDoc>(TEMPLATE_EDITS)).map((e) => [e._id, e]));
    return this.declared().map((t) => this.merge(t, edits.get(t.id)));
  }

  async get(id: string): Promise<TemplateView> {
    const declared = this.declared().find((t) => t.id === id);
    if (!declared) throw new UserError('not-found', `There is no message template "${id}"`);
    return this.merge(declared, await this.store.get<TemplateEditDoc>(TEMPLATE_EDITS, id));
  }

  private merge(template: MessageTemplate, edit: TemplateEditDoc | undefined): TemplateView {
    if (!edit) return { ...template, version: 0 };
    const { subject, body, stripDiacritics } = edit;
    return {
      ...template,
      ...(subject ? { subject } : {}),
      body,
      ...(stripDiacritics === undefined ? {} : { stripDiacritics }),
      version: edit.version,
      updatedAt: edit.updatedAt,
      updatedBy: edit.updatedBy,
    };
  }

  /** Save an admin's edit; `version` must be the one they edited (else `version-conflict`). */
  async save(id: string, edit: TemplateEdit, actor: string): Promise<TemplateView> {
    const current = await this.get(id);
    const issues = [...labelIssues(edit.body, '/body', true), ...labelIssues(edit.subject, '/subject', false)];
    if (issues.length > 0) throw new UserError('validation-failed', `The template has ${issues.length} problem${issues.length === 1 ? '' : 's'}`, { issues });
    if (edit.version !== current.version) throw new VersionConflictError(TEMPLATE_EDITS, id, edit.version, current.version);
    const doc: TemplateEditDoc = {
      _id: id,
      ...(edit.subject ? { subject: edit.subject } : {}),
      body: edit.body,
      ...(edit.stripDiacritics === undefined ? {} : { stripDiacritics: edit.stripDiacritics }),
      version: current.version + 1,
      updatedAt: new Date().toISOString(),
      updatedBy: actor,
    };
    await this.store.commit([current.version === 0 ? { op: 'insert', collection: TEMPLATE_EDITS, doc } : { op: 'put', collection: TEMPLATE_EDITS, doc, expectVersion: current.version }]);
    return this.get(id);
  }
}
