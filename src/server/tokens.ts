// API tokens: 32 random bytes, shown once when created; the store keeps only their SHA-256
// (a hash of so much randomness needs no salt or slow hash: it cannot be guessed back).
import { createHash, randomBytes } from 'node:crypto';
import type { TokenScope } from '../store/store.js';

/** Tokens start with this, so that one pasted in the wrong place is recognisable. */
const PREFIX = 'gbt_';

/** A new random token. */
export function newToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/** The hash the store keeps of a token (hex SHA-256 of its text). */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The scopes a token may have; a write token may also read. */
export const SCOPES: readonly TokenScope[] = ['read', 'write'];

/** True when a token of scope `has` may do what `needs` asks. */
export function allows(has: TokenScope, needs: TokenScope): boolean {
  return has === 'write' || needs === 'read';
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m ? m[1]! : null;
}
