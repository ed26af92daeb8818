/**
 * The pack format's meta-schema (pack-format.schema.json), compiled once, and the
 * structure checks of each kind of pack file against it.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import type { Issue } from '../errors.js';
import { issuesFromAjv } from './ajv-issues.js';
import {
  describeMachinePointer,
  describeManifestPointer,
  describeSchemaPointer,
  type PointerDescriber,
} from './describe-pointer.js';
import packFormat from './pack-format.schema.json' with { type: 'json' };

/** The meta-schema document, for tools (the designer's editors) that want to use it directly. */
export const packFormatSchema: Record<string, unknown> = packFormat;

/** The kinds of file in a pack, each checked against one `$defs` entry of the meta-schema. */
export type PackFileKind = 'manifest' | 'entitySchema' | 'machine';

const describers: Record<PackFileKind, PointerDescriber> = {
  manifest: describeManifestPointer,
  entitySchema: describeSchemaPointer,
  machine: describeMachinePointer,
};

type Checked = PackFileKind | 'assignmentRules' | 'dashboards';
let validators: Record<Checked, ValidateFunction> | undefined;

function compiled(): Record<Checked, ValidateFunction> {
  if (validators) return validators;
  // verbose: the error mapper reads each failing schema (union branches, descriptions).
  const ajv = new Ajv2020({ strict: true, allErrors: true, verbose: true, discriminator: true });
  ajv.addSchema(packFormat);
  const get = (def: string): ValidateFunction => {
    const validate = ajv.getSchema(`${packFormat.$id}#/$defs/${def}`);
    if (!validate) throw new Error(`pack-format.schema.json has no $defs/${def}`);
    return validate;
  };
  const rules = ajv.compile({ type: 'array', maxItems: 200, items: { $ref: `${packFormat.$id}#/$defs/assignmentRule` } });
  const dashboards = ajv.compile({ type: 'array', maxItems: 6, items: { $ref: `${packFormat.$id}#/$defs/dashboard` } });
  validators = { manifest: get('manifest'), entitySchema: get('entitySchema'), machine: get('machine'), assignmentRules: rules, dashboards };
  return validators;
}

/**
 * Check one pack file's structure against the meta-schema; pointers are into that file.
 *
 * @example
 * checkStructure('machine', JSON.parse(text))
 * // [{ pointer: '/states/open', message: 'state "open" is missing "meta"' }]
 */
export function checkStructure(kind: PackFileKind, value: unknown): Issue[] {
  const validate = compiled()[kind];
  if (validate(value)) return [];
  return issuesFromAjv(validate.errors ?? [], { describe: describers[kind], schemaRoot: packFormat });
}

/** Check a list an admin edits in place of the manifest's own (`assignmentRules`, `dashboards`); pointers are into the list. */
function checkManifestList(kind: 'assignmentRules' | 'dashboards', value: unknown): Issue[] {
  const validate = compiled()[kind];
  if (validate(value)) return [];
  return issuesFromAjv(validate.errors ?? [], { describe: (pointer) => describeManifestPointer(`/${kind}${pointer}`), schemaRoot: packFormat });
}

/** Check assignment rules an admin edits (the manifest's `assignmentRules`); pointers are into the list. */
export const checkAssignmentRules = (value: unknown): Issue[] => checkManifestList('assignmentRules', value);
/** Check dashboards an admin arranges (the manifest's `dashboards`); pointers are into the list. */
export const checkDashboards = (value: unknown): Issue[] => checkManifestList('dashboards', value);
