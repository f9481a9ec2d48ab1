/**
 * Password hashing with scrypt (node:crypto, RFC 7914). Stored as `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>`
 * (salt and hash base64url), so the parameters travel with each hash and can be raised later without
 * breaking existing passwords (`needsRehash`).
 *
 * Parameters: N = 2^17, r = 8, p = 1, a 16-byte random salt and a 32-byte key: the minimum the OWASP
 * Password Storage Cheat Sheet (section "scrypt") recommends. Memory per hash = 128 · N · r = 128 MiB.
 * `EVLAB_SCRYPT_LOG2N` (14–20) changes N for new hashes only; tests use 14 to stay fast.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** OWASP Password Storage Cheat Sheet, scrypt: N=2^17 (128 MiB), r=8 (1024 bytes block), p=1. */
export const SCRYPT_LOG2N = 17;
export const SCRYPT_R = 8;
export const SCRYPT_P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const MIN_LOG2N = 14;
const MAX_LOG2N = 20;

function log2NForNewHashes(): number {
  const raw = process.env.EVLAB_SCRYPT_LOG2N?.trim();
  if (!raw) return SCRYPT_LOG2N;
  const n = Number(raw);
  return Number.isInteger(n) && n >= MIN_LOG2N && n <= MAX_LOG2N ? n : SCRYPT_LOG2N;
}

function scryptAsync(password: string, salt: Buffer, log2N: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** log2N;
  // Node refuses work above maxmem (default 32 MiB); allow the 128 · N · r bytes scrypt needs plus slack.
  const maxmem = 128 * N * r * 2 + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { N, r, p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const log2N = log2NForNewHashes();
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password, salt, log2N, SCRYPT_R, SCRYPT_P);
  return ['scrypt', log2N, SCRYPT_R, SCRYPT_P, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

interface ParsedHash {
  log2N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [log2N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (!Number.isInteger(log2N) || log2N < 10 || log2N > MAX_LOG2N) return null;
  if (!Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) return null;
  const salt = Buffer.from(parts[4] as string, 'base64url');
  const key = Buffer.from(parts[5] as string, 'base64url');
  if (salt.length < 4 || key.length !== KEY_BYTES) return null;
  return { log2N, r, p, salt, key };
}

/** Constant-time comparison of the derived key; false for a malformed stored hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await scryptAsync(password, parsed.salt, parsed.log2N, parsed.r, parsed.p);
  return timingSafeEqual(key, parsed.key);
}

/** True when the hash was made with weaker parameters than new hashes get. */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  return !parsed || parsed.log2N < log2NForNewHashes() || parsed.r < SCRYPT_R;
}

let dummyHash: Promise<string> | null = null;
/**
 * Spends the same work as a real verification, for unknown user names: the answer time does not tell
 * whether a name exists.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('evlab-dummy-password-for-timing');
  await verifyPassword(password, await dummyHash);
  return false;
}
