/**
 * The app's routes. The designer lives under /designer, the admin pages under /admin;
 * other parts of the product (the staff workspace) add their own entries here. `/` is
 * "home": App sends admins to the pipelines and everyone else to the workspace.
 */
import { matchWorkRoute, type WorkRoute } from '../workspace/work-routes.js';

export type EditorTab = 'pipeline' | 'fields' | 'simulate' | 'history';
export const EDITOR_TABS: EditorTab[] = ['pipeline', 'fields', 'simulate', 'history'];

export type Route =
  | { name: 'pipelines' }
  | { name: 'editor'; entity: string; tab: EditorTab }
  | { name: 'work'; work: WorkRoute }
  | { name: 'users' }
  | { name: 'automations' }
  | { name: 'channels' }
  | { name: 'templates' }
  | { name: 'assignment' }
  | { name: 'dashboards' }
  | { name: 'backups' }
  | { name: 'home' }
  | { name: 'redirect'; to: string }
  | { name: 'notFound' };

export function matchRoute(path: string): Route {
  const pathname = path.split('?')[0] ?? '/';
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'home' };
  if (parts[0] === 'work') {
    const work = matchWorkRoute(parts.slice(1));
    return work ? { name: 'work', work } : { name: 'notFound' };
  }
  if (parts[0] === 'admin') {
    if (parts.length === 2 && parts[1] === 'users') return { name: 'users' };
    if (parts.length === 2 && parts[1] === 'automations') return { name: 'automations' };
    if (parts.length === 2 && parts[1] === 'channels') return { name: 'channels' };
    if (parts.length === 2 && parts[1] === 'templates') return { name: 'templates' };
    if (parts.length === 2 && parts[1] === 'assignment') return { name: 'assignment' };
    if (parts.length === 2 && parts[1] === 'dashboards') return { name: 'dashboards' };
    if (parts.length === 2 && parts[1] === 'backups') return { name: 'backups' };
    return { name: 'notFound' };
  }
  if (parts[0] !== 'designer') return { name: 'notFound' };
  if (parts.length === 1) return { name: 'pipelines' };
  const tab = (parts[2] ?? 'pipeline') as EditorTab;
  if (parts.length > 3 || !EDITOR_TABS.includes(tab)) return { name: 'notFound' };
  return { name: 'editor', entity: parts[1], tab };
}

export const paths = {
  pipelines: () => '/designer',
  users: () => '/admin/users',
  automations: () => '/admin/automations',
  channels: () => '/admin/channels',
  templates: () => '/admin/templates',
  assignment: () => '/admin/assignment',
  dashboards: () => '/admin/dashboards',
  backups: () => '/admin/backups',
  editor: (entity: string, tab: EditorTab = 'pipeline') =>
    tab === 'pipeline'
      ? `/designer/${encodeURIComponent(entity)}`
      : `/designer/${encodeURIComponent(entity)}/${tab}`,
};
