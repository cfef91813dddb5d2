import { hash, verify } from '@node-rs/argon2';
import { ValidationError } from '../../core/errors.js';
import { passwordWeakness, type PasswordWeakness } from '../../domain/password-strength.js';

// Argon2id with the library's defaults (19 MiB, 2 passes): OWASP's baseline for a memory-hard hash.
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    // Same work as a real check, so that response time does not reveal which accounts exist.
    await verify(DUMMY_HASH, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$qLMYWO+0o2QDstJ8UHfy+Q$O54kejkpYCZ8eA0Tn8n1ZCkbJ0SlKWvdovgDKceuthM';

/** A new password too easy to guess: a 422 on `password` (weak_password), with the estimator's French advice for the pages. */
export class WeakPasswordError extends ValidationError {
  constructor(readonly weakness: PasswordWeakness) {
    super([{ path: 'password', code: 'weak_password', message: 'This password is too easy to guess: make it longer, or put several unrelated words together.' }]);
  }
}

/** Wherever someone chooses a password: not one a guesser would try early, nor built on the account's own name or e-mail. */
export function assertStrongPassword(password: string, account: { email: string; firstName: string; lastName: string }) {
  const weakness = passwordWeakness(password, [account.email, account.firstName, account.lastName]);
  if (weakness) throw new WeakPasswordError(weakness);
}
