/**
 * Saved segments: a user's named list filters per entity ("VIP1 in the capital"), kept in
 * collection `segments`. A segment stores the list's controls as the client sent them
 * (an opaque JSON object), never the records they select, so it stays true as records
 * change. Each user sees only their own.
 */
import type { Issue } from '../../errors.js';
import { UserError, VersionConflictError } from '../../errors.js';
import type { Store, StoredDoc } from '../../store/store.js';
import { SEGMENTS } from '../../collections.js';
import type { Actor, CompiledDefinitions } from '../core/index.js';

/** Longest segment name, in characters, after trimming. */
export const SEGMENT_NAME_MAX = 80;
/** Largest controls object, in bytes of JSON. */
export const SEGMENT_CONTROLS_MAX_BYTES = 16 * 1024;
/** How often a save is re-tried when another save of the same name won the race. */
const SAVE_ATTEMPTS = 3;

/** A segment as the API returns it. */
export interface Segment {
  name: string;
  entity: string;
  controls: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

interface SegmentDoc extends StoredDoc {
  user: string;
  entity: string;
  name: string;
  controls: Record<string, unknown>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface SegmentQueries {
  /** The user's segments of an entity, by name. Throws `unknown-entity`. */
  listSegments(user: Actor, entity: string): Promise<Segment[]>;
  /** Save a segment under its name, replacing one of the same name; `created` tells which. */
  saveSegment(
    user: Actor,
    entity: string,
    name: string,
    controls: unknown,
  ): Promise<{ segment: Segment; created: boolean }>;
  /** Delete one of the user's segments. Throws `not-found`. */
  deleteSegment(user: Actor, entity: string, name: string): Promise<void>;
}

/** A name as stored: trimmed, and in one Unicode form so that "Hà Nội" typed two ways is one name. */
export function segmentName(raw: string): string {
  return raw.trim().normalize('NFC');
}

/**
 * What is wrong with a segment's name; pointer `/name`.
 * @example segmentNameIssues('  ') // [{ pointer: '/name', message: 'must not be empty' }]
 */
export function segmentNameIssues(name: unknown): Issue[] {
  const trimmed = typeof name === 'string' ? segmentName(name) : undefined;
  if (trimmed === undefined) return [{ pointer: '/name', message: 'must be a string' }];
  if (trimmed.length === 0) return [{ pointer: '/name', message: 'must not be empty' }];
  if ([...trimmed].length > SEGMENT_NAME_MAX)
    return [{ pointer: '/name', message: `must be at most ${SEGMENT_NAME_MAX} characters` }];
  if (/\p{Cc}/u.test(trimmed)) return [{ pointer: '/name', message: 'must not contain control characters' }];
  return [];
}

/**
 * What is wrong with a segment's name and controls; pointers `/name` and `/controls`.
 * @example segmentIssues('VIP1', []) // [{ pointer: '/controls', message: 'must be a JSON object' }]
 */
export function segmentIssues(name: unknown, controls: unknown): Issue[] {
  const issues = segmentNameIssues(name);
  if (controls === null || typeof controls !== 'object' || Array.isArray(controls)) {
    issues.push({ pointer: '/controls', message: 'must be a JSON object' });
  } else {
    const bytes = new TextEncoder().encode(JSON.stringify(controls)).length;
    if (bytes > SEGMENT_CONTROLS_MAX_BYTES)
      issues.push({
        pointer: '/controls',
        message: `must be at most ${SEGMENT_CONTROLS_MAX_BYTES} bytes of JSON (it is ${bytes})`,
      });
  }
  return issues;
}

function invalidSegment(issues: Issue[]): UserError {
  return new UserError(
    'invalid-request',
    `The segment is not valid: ${issues.map((i) => `${i.pointer} ${i.message}`).join('; ')}`,
    { issues },
  );
}

/** One id per user, entity and name: saving a name again replaces the segment. */
function segmentId(user: string, entity: string, name: string): string {
  return JSON.stringify([user, entity, name]);
}

function toSegment(doc: SegmentDoc): Segment {
  return {
    name: doc.name,
    entity: doc.entity,
    controls: doc.controls,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

/**
 * @example
 * const segments = segmentQueries({ store, compiled });
 * await segments.saveSegment('lan', 'lead', 'VIP1', { stage: 'qualified' });
 */
export function segmentQueries(deps: {
  store: Store;
  compiled: Pick<CompiledDefinitions, 'latest'>;
}): SegmentQueries {
  const { store, compiled } = deps;
  let indexed: Promise<void> | undefined;
  const ready = () => (indexed ??= store.ensureIndex(SEGMENTS, ['user', 'entity']));

  return {
    async listSegments(user, entity) {
      await compiled.latest(entity);
      await ready();
      const docs = await store.find<SegmentDoc>(SEGMENTS, { user, entity }, { sort: { name: 1 } });
      return docs.map(toSegment);
    },

    async saveSegment(user, entity, rawName, controls) {
      const issues = segmentIssues(rawName, controls);
      if (issues.length > 0) throw invalidSegment(issues);
      await compiled.latest(entity);
      await ready();
      const name = segmentName(rawName);
      const _id = segmentId(user, entity, name);
      for (let attempt = 1; ; attempt++) {
        const existing = await store.get<SegmentDoc>(SEGMENTS, _id);
        const now = new Date().toISOString();
        const doc: SegmentDoc = {
          _id,
          user,
          entity,
          name,
          controls: controls as Record<string, unknown>,
          version: (existing?.version ?? 0) + 1,
          createdAt: existing?.createdAt ?? now,
          updatedAt: now,
        };
        try {
          await store.commit([
            existing
              ? { op: 'put', collection: SEGMENTS, doc, expectVersion: existing.version }
              : { op: 'insert', collection: SEGMENTS, doc },
          ]);
          return { segment: toSegment(doc), created: existing === undefined };
        } catch (error) {
          // Another save of this name got in first: the last save wins, as it would have a moment later.
          if (!(error instanceof UserError && error.code === 'version-conflict') || attempt === SAVE_ATTEMPTS)
            throw error;
        }
      }
    },

    async deleteSegment(user, entity, rawName) {
      const issues = segmentNameIssues(rawName);
      if (issues.length > 0) throw invalidSegment(issues);
      await compiled.latest(entity);
      const name = segmentName(rawName);
      const existing = await store.get<SegmentDoc>(SEGMENTS, segmentId(user, entity, name));
      if (!existing) throw new UserError('not-found', `You have no segment "${name}" for ${entity}`);
      try {
        await store.commit([
          { op: 'delete', collection: SEGMENTS, id: existing._id, expectVersion: existing.version },
        ]);
      } catch (error) {
        // Replaced meanwhile: it is still the user's segment of that name, so delete what is there.
        if (!(error instanceof VersionConflictError)) throw error;
        await store.commit([{ op: 'delete', collection: SEGMENTS, id: existing._id }]);
      }
    },
  };
}
