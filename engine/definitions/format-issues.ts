/** Issues as text for a console: one line per issue. */
import type { Issue } from '../errors.js';

/**
 * One line per issue, `file#pointer: message` (`#` alone for the whole file).
 *
 * @example
 * formatIssues([{ file: 'deal.machine.json', pointer: '/initial', message: 'the machine\'s initial state "x" …' }])
 * // 'deal.machine.json#/initial: the machine\'s initial state "x" …'
 */
export function formatIssues(issues: Issue[], baseDir?: string): string {
  return issues
    .map((issue) => {
      const file =
        issue.file === undefined ? '' : baseDir ? `${baseDir.replace(/\/$/, '')}/${issue.file}` : issue.file;
      return `${file}#${issue.pointer}: ${issue.message}`;
    })
    .join('\n');
}
