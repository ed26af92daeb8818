/**
 * What a password must be: 10–200 characters, not only spaces, not the user id, and not
 * one of the passwords attackers try first (the 49 000 of zxcvbn-ts's common list, plus a
 * few Vietnamese favourites). Checked when a user is created and when a password changes.
 */
import { dictionary } from '@zxcvbn-ts/language-common';
import type { Issue } from '../../errors.js';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

const VIETNAMESE_COMMON = ['matkhau123', 'matkhau1234', 'matkhau@123', 'anhyeuem123', 'anhyeuem@123', 'emyeuanh123', '123456789a', 'abc123456789'];

let common: Set<string> | undefined;
function isCommon(password: string): boolean {
  common ??= new Set([...dictionary['passwords-common'], ...VIETNAMESE_COMMON]);
  const folded = password.normalize('NFC').toLowerCase();
  return common.has(folded) || common.has(folded.replace(/\s+/g, ''));
}

/**
 * The issues of a password for `userId`, empty when it is acceptable.
 * @example passwordIssues('1234567890', 'lan') // [{ pointer: '/password', message: 'is one of the most common passwords: choose another' }]
 */
export function passwordIssues(password: string, userId?: string, pointer = '/password'): Issue[] {
  if (password.length < PASSWORD_MIN) return [{ pointer, message: `must be at least ${PASSWORD_MIN} characters` }];
  if (password.length > PASSWORD_MAX) return [{ pointer, message: `must be at most ${PASSWORD_MAX} characters` }];
  if (password.trim() === '') return [{ pointer, message: 'must not be only spaces' }];
  if (userId !== undefined && password.trim().toLowerCase() === userId.toLowerCase()) return [{ pointer, message: 'must not be the user id' }];
  if (isCommon(password)) return [{ pointer, message: 'is one of the most common passwords: choose another' }];
  return [];
}
