import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  hashPassword,
  needsRehash,
  SCRYPT_LOG2N,
  SCRYPT_P,
  SCRYPT_R,
  verifyPassword,
} from './password-hash.ts';

describe('password hashing (scrypt)', () => {
  it('reproduces the RFC 7914 §12 test vector (N=1024, r=8, p=16, "password"/"NaCl")', async () => {
    // RFC 7914 section 12, third vector: the first 32 bytes of the 64-byte output (PBKDF2 output blocks are
    // independent, so a 32-byte key is the prefix of the 64-byte one).
    const expected = Buffer.from('fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162', 'hex');
    const stored = [
      'scrypt',
      10,
      8,
      16,
      Buffer.from('NaCl').toString('base64url'),
      expected.toString('base64url'),
    ].join('$');
    expect(await verifyPassword('password', stored)).toBe(true);
    expect(await verifyPassword('Password', stored)).toBe(false);
    // And node:crypto itself agrees with the RFC (guards against a platform difference).
    expect(scryptSync('password', 'NaCl', 64, { N: 1024, r: 8, p: 16 }).subarray(0, 32)).toEqual(expected);
  });

  it('uses the OWASP parameters by default and records them in the hash', async () => {
    expect([SCRYPT_LOG2N, SCRYPT_R, SCRYPT_P]).toEqual([17, 8, 1]);
    const previous = process.env.EVLAB_SCRYPT_LOG2N;
    delete process.env.EVLAB_SCRYPT_LOG2N;
    try {
      const hash = await hashPassword('correct horse battery staple');
      expect(hash.split('$').slice(0, 4)).toEqual(['scrypt', '17', '8', '1']);
      expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
      expect(needsRehash(hash)).toBe(false);
    } finally {
      if (previous !== undefined) process.env.EVLAB_SCRYPT_LOG2N = previous;
    }
  });

  it('salts every hash and refuses malformed stored values', async () => {
    process.env.EVLAB_SCRYPT_LOG2N = '14';
    const a = await hashPassword('same password 123');
    const b = await hashPassword('same password 123');
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password 123', a)).toBe(true);
    expect(await verifyPassword('same password 124', a)).toBe(false);
    delete process.env.EVLAB_SCRYPT_LOG2N;
    expect(needsRehash(a)).toBe(true);
    for (const bad of [
      '',
      'scrypt$17$8$1$abc',
      'bcrypt$x',
      'scrypt$99$8$1$AAAAAAAAAAA$AAAA',
      a.replace(/\$[^$]+$/, '$AAAA'),
    ]) {
      expect(await verifyPassword('same password 123', bad)).toBe(false);
    }
  });
});
