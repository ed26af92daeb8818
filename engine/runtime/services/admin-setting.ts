/**
 * One setting admins edit in place of what the packs declare (the assignment rules, the
 * dashboards): kept as one document, versioned. A save names the version it was based on,
 * so two admins never overwrite each other silently (a stale save is a `version-conflict`);
 * what is saved is checked first and refused whole with every problem; resetting goes back
 * to the packs' declaration.
 */
import { UserError, VersionConflictError, type Issue } from '../../errors.js';
import type { Store } from '../../store/store.js';

export interface SettingView<T> {
  value: T;
  /** 0: the packs' declaration; each admin save adds one. */
  version: number;
  /** The packs' declaration, to compare with and to reset to. */
  declared: T;
  updatedAt?: string;
  updatedBy?: string;
}

interface SettingDoc {
  _id: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  [key: string]: unknown;
}

/** Where the setting is stored: its document's id and the field holding the value. */
export interface SettingPlace {
  collection: string;
  id?: string;
  field?: string;
}

export class AdminSetting<T> {
  private readonly collection: string;
  private readonly id: string;
  private readonly field: string;

  constructor(
    private readonly store: Store,
    place: SettingPlace,
    private readonly declared: T,
    /** The problems of a value an admin saves, with pointers into it. */
    private readonly check: (value: unknown) => Promise<Issue[]> | Issue[],
    /** What the setting is, for messages ("the assignment rules"). */
    private readonly what: string,
  ) {
    this.collection = place.collection;
    this.id = place.id ?? 'current';
    this.field = place.field ?? 'value';
  }

  /** The value in force. */
  async value(): Promise<T> {
    const doc = await this.#doc();
    return doc ? (doc[this.field] as T) : this.declared;
  }

  async current(): Promise<SettingView<T>> {
    const doc = await this.#doc();
    if (!doc) return { value: this.declared, version: 0, declared: this.declared };
    return {
      value: doc[this.field] as T,
      version: doc.version,
      declared: this.declared,
      updatedAt: doc.updatedAt,
      updatedBy: doc.updatedBy,
    };
  }

  /** Save an admin's value; `version` must be the one they edited (else `version-conflict`). */
  async save(value: unknown, version: number, actor: string): Promise<SettingView<T>> {
    const issues = await this.check(value);
    if (issues.length > 0)
      throw new UserError(
        'validation-failed',
        `${capital(this.what)} have ${issues.length} problem${issues.length === 1 ? '' : 's'}`,
        { issues },
      );
    const current = await this.#doc();
    const at = current?.version ?? 0;
    if (version !== at) throw new VersionConflictError(this.collection, this.id, version, at);
    const doc: SettingDoc = {
      _id: this.id,
      [this.field]: value,
      version: at + 1,
      updatedAt: new Date().toISOString(),
      updatedBy: actor,
    };
    await this.store.commit([
      current
        ? { op: 'put', collection: this.collection, doc, expectVersion: at }
        : { op: 'insert', collection: this.collection, doc },
    ]);
    return this.current();
  }

  /** Go back to the packs' declaration. */
  async reset(version: number): Promise<SettingView<T>> {
    const current = await this.#doc();
    if (!current) return this.current();
    if (version !== current.version)
      throw new VersionConflictError(this.collection, this.id, version, current.version);
    await this.store.commit([
      { op: 'delete', collection: this.collection, id: this.id, expectVersion: current.version },
    ]);
    return this.current();
  }

  #doc(): Promise<SettingDoc | undefined> {
    return this.store.get<SettingDoc>(this.collection, this.id);
  }
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
