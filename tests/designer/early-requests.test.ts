/**
 * The requests a page opened by its address makes first, started before the app's main
 * script has been read (designer/src/api/early-requests.ts): the session always; on a
 * pipeline's pages its definition and the user directory; in the designer the pipeline,
 * its stage counts and its draft; nothing a page would not ask.
 */
import { describe, expect, it } from 'vitest';
import { earlyPaths } from '../../designer/src/api/early-requests.js';

const SESSION = '/api/auth/me';

describe('earlyPaths', () => {
  it('asks for the session on every page', () => {
    for (const path of ['/', '/designer', '/admin/users', '/work/me', '/work/inbox', '/work/reports', '/nowhere', '/designer/lead/nope']) {
      expect(earlyPaths(path)).toEqual([SESSION]);
    }
  });

  it("asks for a pipeline's definition and the directory on its board, list, new form and records", () => {
    const pipeline = ['/api/definitions/lead', '/api/users'];
    for (const path of ['/work/lead', '/work/lead/board', '/work/lead/list', '/work/lead/new', '/work/lead/lead-42']) {
      expect(earlyPaths(path)).toEqual([SESSION, ...pipeline]);
    }
  });

  it("asks for a pipeline, its stage counts and its draft in the designer, on each of its tabs", () => {
    const editor = ['/api/definitions/lead', '/api/definitions/lead/stage-counts', '/api/definitions/lead/draft'];
    for (const path of ['/designer/lead', '/designer/lead/fields', '/designer/lead/simulate', '/designer/lead/history']) {
      expect(earlyPaths(path)).toEqual([SESSION, ...editor]);
    }
  });

  it('opens the default pipeline at /work, as the workspace does', () => {
    expect(earlyPaths('/work')).toEqual([SESSION, '/api/definitions/opportunity', '/api/users']);
  });

  it('encodes the entity as the app does, and asks nothing more of an address it cannot read', () => {
    expect(earlyPaths('/work/tour%20group/board')).toEqual([SESSION, '/api/definitions/tour%20group', '/api/users']);
    expect(earlyPaths('/work/%E0%A4%A/board')).toEqual([SESSION]);
    expect(earlyPaths('/work/lead/board/extra')).toEqual([SESSION]);
  });
});
