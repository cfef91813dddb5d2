import { createHash, randomBytes } from 'node:crypto';

/**
 * Opaque random tokens for sessions and single-use links: 256 random bits, sent once to their
 * holder; only their SHA-256 is stored, so a copy of the database opens nothing. A token is
 * found by its digest through a unique index: the comparison an attacker could time is between
 * digests of their own guesses, which tells nothing about a stored token.
 */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
