/** The workspace's routes under /work: board, list, new and one record per entity; my work; the inbox; reports. */
export type WorkRoute =
  | { view: 'me' }
  | { view: 'inbox'; id?: string }
  | { view: 'reports' }
  | { view: 'board' | 'list' | 'new'; entity: string }
  | { view: 'record'; entity: string; id: string };

/** The pipeline the workspace opens first. */
export const DEFAULT_ENTITY = 'opportunity';

/** Route of `/work/…` path parts (without "work"); undefined when none matches. */
export function matchWorkRoute(parts: string[]): WorkRoute | undefined {
  const [entity, view, ...rest] = parts;
  if (entity === undefined) return { view: 'board', entity: DEFAULT_ENTITY };
  if (entity === 'me' && view === undefined) return { view: 'me' };
  if (entity === 'reports' && view === undefined) return { view: 'reports' };
  if (entity === 'inbox' && rest.length === 0) return view === undefined ? { view: 'inbox' } : { view: 'inbox', id: view };
  if (rest.length > 0) return undefined;
  if (view === undefined || view === 'board') return { view: 'board', entity };
  if (view === 'list' || view === 'new') return { view, entity };
  return { view: 'record', entity, id: view };
}

const e = encodeURIComponent;

export const workPaths = {
  board: (entity: string) => `/work/${e(entity)}/board`,
  list: (entity: string) => `/work/${e(entity)}/list`,
  create: (entity: string) => `/work/${e(entity)}/new`,
  record: (entity: string, id: string) => `/work/${e(entity)}/${e(id)}`,
  me: () => '/work/me',
  reports: () => '/work/reports',
  inbox: (id?: string) => (id === undefined ? '/work/inbox' : `/work/inbox/${e(id)}`),
};
