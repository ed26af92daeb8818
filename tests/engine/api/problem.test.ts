import { describe, expect, it } from 'vitest';
import { toProblem } from '../../../engine/api/problem.js';
import {
  OperationalError,
  UnexpectedError,
  UserError,
  VersionConflictError,
} from '../../../engine/errors.js';

const path = '/api/records/deal/d1';

describe('toProblem', () => {
  it.each([
    ['malformed-json', 400],
    ['invalid-request', 400],
    ['validation-failed', 422],
    ['unknown-entity', 404],
    ['not-found', 404],
    ['event-not-allowed', 409],
    ['guard-refused', 422],
    ['required-fields-missing', 422],
    ['import-rejected', 422],
    ['version-conflict', 409],
    ['invalid-definition', 422],
    ['unauthenticated', 401],
    ['forbidden', 403],
  ] as const)('maps the user error %s to status %i', (code, status) => {
    const { document, logged } = toProblem(new UserError(code, 'why'), path);
    expect(document).toMatchObject({
      type: `urn:tourflow:problem:${code}`,
      status,
      detail: 'why',
      instance: path,
    });
    expect(Object.keys(document).sort()).toEqual(['detail', 'instance', 'status', 'title', 'type']);
    expect(document.title).not.toBe('');
    expect(logged).toBeUndefined();
  });

  it.each([
    ['store-locked', 503],
    ['store-unavailable', 503],
    ['effect-failed', 502],
  ] as const)('maps the operational error %s to status %i', (code, status) => {
    expect(toProblem(new OperationalError(code, 'down'), path).document).toMatchObject({
      status,
      detail: 'down',
    });
  });

  it('lists issues as errors and adds extra members without letting them replace standard ones', () => {
    const error = new UserError('guard-refused', 'WIN refused', {
      issues: [{ pointer: '/data/amount', message: 'amount must be > 0' }],
      extra: { reasons: [{ en: 'no', vi: 'không' }], status: 200, type: 'x' },
    });
    const { document } = toProblem(error, path);
    expect(document).toMatchObject({
      type: 'urn:tourflow:problem:guard-refused',
      status: 422,
      errors: [{ pointer: '/data/amount', message: 'amount must be > 0' }],
      reasons: [{ en: 'no', vi: 'không' }],
    });
  });

  it('carries the current version of a version conflict', () => {
    const { document } = toProblem(new VersionConflictError('records', 'd1', 2, 3), path);
    expect(document).toMatchObject({ status: 409, expectedVersion: 2, currentVersion: 3 });
  });

  it('hides the message and stack of unexpected errors behind an error id, and hands the error to the logger', () => {
    for (const thrown of [
      new Error('secret /etc/passwd'),
      new UnexpectedError('internal detail'),
      'a string',
    ]) {
      const { document, logged } = toProblem(thrown, path);
      expect(document.status).toBe(500);
      expect(document.type).toBe('urn:tourflow:problem:unexpected');
      expect(JSON.stringify(document)).not.toMatch(/secret|internal detail|a string|at /);
      expect(document.detail).toContain(String(document.errorId));
      expect(logged).toBeInstanceOf(Error);
    }
  });

  it('maps Express body-parser errors to malformed-json and a 413 invalid-request', () => {
    const parse = Object.assign(new SyntaxError('Unexpected token } in JSON'), {
      status: 400,
      type: 'entity.parse.failed',
      expose: true,
    });
    expect(toProblem(parse, path).document).toMatchObject({
      status: 400,
      type: 'urn:tourflow:problem:malformed-json',
    });
    const large = Object.assign(new Error('request entity too large'), {
      status: 413,
      type: 'entity.too.large',
      expose: true,
    });
    expect(toProblem(large, path).document).toMatchObject({
      status: 413,
      type: 'urn:tourflow:problem:invalid-request',
    });
  });

  it('does not trust a 5xx status on a foreign error', () => {
    const foreign = Object.assign(new Error('boom'), { status: 502 });
    expect(toProblem(foreign, path).document.status).toBe(500);
  });
});
