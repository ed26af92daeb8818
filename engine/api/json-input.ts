/**
 * Every JSON a client sends (bodies, and JSON in the query such as list filters) is read
 * here, so what is stored is what was acknowledged and nothing deep reaches the engine:
 *
 * - nesting deeper than MAX_JSON_DEPTH is refused before parsing (recursive code further
 *   on, validation included, would overflow the stack);
 * - a `__proto__` key is refused (it cannot round-trip through the store, and it is how
 *   prototype pollution starts);
 * - a string with a lone surrogate (`"\ud800"`) is refused: it cannot be stored as UTF-8;
 * - text is normalised to Unicode NFC, keys included, so "Nguyễn" typed with combining
 *   marks (macOS, some Vietnamese keyboards) and precomposed is one name, and a search
 *   finds it either way.
 */
import express, { type RequestHandler } from 'express';
import type { Issue } from '../errors.js';
import { UserError } from '../errors.js';
import { invalidRequest, pointerToken } from './validate-request.js';

/** The deepest nesting of arrays and objects accepted anywhere. */
export const MAX_JSON_DEPTH = 64;

const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * Parse client JSON at `pointer` (`/body`, `/query/filter`) by the rules above.
 * @throws UserError `malformed-json` for bad syntax, `invalid-request` naming the pointer.
 * @example parseJsonInput('{"name":"Nguye\u0302\u0303n"}', '/body') // { name: 'Nguyễn' } (NFC)
 */
export function parseJsonInput(text: string, pointer: string): unknown {
  const depth = nestingDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    throw invalidRequest([{ pointer, message: `nests arrays and objects ${depth} deep, more than the ${MAX_JSON_DEPTH} allowed` }]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (pointer === '/body') throw new UserError('malformed-json', `The body is not valid JSON: ${message}`);
    throw invalidRequest([{ pointer, message: `is not valid JSON (${message})` }]);
  }
  const issues: Issue[] = [];
  const clean = sanitize(parsed, pointer, issues);
  if (issues.length > 0) throw invalidRequest(issues.slice(0, 20));
  return clean;
}

/**
 * A JSON body parser (Express middleware) that reads with parseJsonInput; bodies of other
 * types are left unparsed (`req.body` undefined), as express.json does.
 * @example api.use(jsonBodyParser('1mb'));
 */
export function jsonBodyParser(limit: string): RequestHandler {
  const readText = express.text({ limit, type: JSON_TYPES });
  return (req, res, next) => {
    if (req.body !== undefined) {
      next();
      return;
    }
    readText(req, res, (error?: unknown) => {
      if (error !== undefined) {
        next(error);
        return;
      }
      if (typeof req.body !== 'string') {
        next();
        return;
      }
      try {
        req.body = req.body.trim() === '' ? {} : parseJsonInput(req.body, '/body');
        next();
      } catch (thrown) {
        next(thrown);
      }
    });
  };
}

/** The deepest nesting of `[` and `{` outside strings, in one pass over the text. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest) deepest = depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** A copy with NFC text, collecting refused keys and strings (depth is already bounded). */
function sanitize(value: unknown, pointer: string, issues: Issue[]): unknown {
  if (typeof value === 'string') return text(value, pointer, issues);
  if (Array.isArray(value)) return value.map((item, i) => sanitize(item, `${pointer}/${i}`, issues));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [rawKey, inner] of Object.entries(value)) {
    const at = `${pointer}/${pointerToken(rawKey)}`;
    if (rawKey === '__proto__') {
      issues.push({ pointer: at, message: 'is not allowed as a member name' });
      continue;
    }
    const key = text(rawKey, at, issues);
    out[key] = sanitize(inner, at, issues);
  }
  return out;
}

/** Node 20 has String.prototype.isWellFormed; the ES2022 lib the project targets does not name it. */
type WellFormedCheck = string & { isWellFormed(): boolean };

function text(value: string, pointer: string, issues: Issue[]): string {
  if (!(value as WellFormedCheck).isWellFormed()) {
    issues.push({ pointer, message: 'contains a lone surrogate (an invalid \\uD800–\\uDFFF escape): it is not text' });
    return value;
  }
  return value.normalize('NFC');
}
