/** The user forms' checks and how the server's problem+json pointers land on their fields. */
import { describe, expect, it } from 'vitest';
import {
  fieldErrorsOf,
  idError,
  onlyErrors,
  passwordError,
  rolesError,
} from '../../designer/src/admin/user-form.js';
import { adminMessages, type AdminKey } from '../../designer/src/admin/messages.js';
import { ApiError } from '../../designer/src/api/client.js';

const a = (key: AdminKey) => adminMessages.en[key];
const invalid = (...issues: { pointer: string; message: string }[]) =>
  new ApiError(400, 'invalid-request', 'The request is not valid', issues);

describe('user form checks', () => {
  it('accepts what the server accepts and names what is wrong otherwise', () => {
    expect(idError('user:sales.minh@hn', a)).toBeUndefined();
    expect(idError('', a)).toBe('Enter a user id.');
    expect(idError('lan anh', a)).toBe(a('error.idPattern'));
    expect(idError('system:timer', a)).toBe(a('error.idPattern'));
    expect(rolesError([], a)).toBe('Choose at least one role.');
    expect(passwordError('123456789', a)).toBe('The password needs at least 10 characters.');
    expect(passwordError('1234567890', a)).toBeUndefined();
    expect(passwordError('x'.repeat(201), a)).toBe(a('error.passwordLong'));
    expect(
      onlyErrors({ id: undefined, name: 'x', roles: undefined, team: undefined, password: undefined }),
    ).toEqual({
      name: 'x',
    });
  });
});

describe('fieldErrorsOf', () => {
  it('puts body pointers and the directory’s own pointers on the fields, in the user’s words where known', () => {
    const errors = fieldErrorsOf(
      invalid(
        { pointer: '/body/password', message: 'must NOT have fewer than 10 characters' },
        { pointer: '/id', message: 'is taken' },
        { pointer: '/body/roles/0', message: 'must be equal to one of the allowed values' },
      ),
      a,
    );
    expect(errors).toEqual({
      password: 'The password needs at least 10 characters.',
      id: 'This user id is taken: choose another.',
      roles: 'must be equal to one of the allowed values',
    });
  });

  it('keeps the first message of a field, and says "not about the fields" otherwise', () => {
    expect(
      fieldErrorsOf(
        invalid(
          { pointer: '/roles', message: 'an admin cannot lock themselves out' },
          { pointer: '/roles', message: 'other' },
        ),
        a,
      ),
    ).toEqual({ roles: a('error.locked') });
    expect(
      fieldErrorsOf(invalid({ pointer: '/disabled', message: 'an admin cannot lock themselves out' }), a),
    ).toBeUndefined();
    expect(fieldErrorsOf(new ApiError(403, 'forbidden', 'This needs the role admin'), a)).toBeUndefined();
    expect(fieldErrorsOf(new Error('offline'), a)).toBeUndefined();
  });
});
