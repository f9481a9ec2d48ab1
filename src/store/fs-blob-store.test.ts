import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobTooLargeError, createFsBlobStore, type FsBlobStore } from './fs-blob-store.ts';

// FIPS 180-2, Appendix B.1: SHA-256("abc").
const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
// SHA-256 of the empty message (FIPS 180-4 examples / NIST CAVP SHA256ShortMsg, Len = 0).
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const text = (s: string) => new TextEncoder().encode(s);

async function* chunksOf(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('createFsBlobStore', () => {
  let dir: string;
  let blobs: FsBlobStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'evlab-blobs-'));
    blobs = createFsBlobStore(dir);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('get returns a fresh buffer on every call: a reader that decodes over it changes nothing stored', async () => {
    const { sha256 } = await blobs.put(text('abc'));
    const first = (await blobs.get(sha256)) as Uint8Array;
    first.fill(0x7a); // what readFcs({ inPlace: true }) may do to DATA
    const second = (await blobs.get(sha256)) as Uint8Array;
    expect(second.buffer).not.toBe(first.buffer);
    expect(new TextDecoder().decode(second)).toBe('abc');
  });

  it('stores bytes under sha256/ab/cd/<hash>, read-only, and reads them back', async () => {
    const result = await blobs.put(text('abc'));
    expect(result).toEqual({ sha256: ABC_SHA256, sizeBytes: 3 });
    const path = join(dir, 'sha256', 'ba', '78', ABC_SHA256);
    expect(blobs.pathOf(ABC_SHA256)).toBe(path);
    expect((await stat(path)).mode & 0o777).toBe(0o444);
    expect(await blobs.has(ABC_SHA256)).toBe(true);
    expect(Buffer.from((await blobs.get(ABC_SHA256)) ?? [])).toEqual(Buffer.from('abc'));
    expect(await filesUnder(join(dir, 'tmp'))).toEqual([]);
  });

  it('stores the empty file', async () => {
    expect(await blobs.put(new Uint8Array())).toEqual({ sha256: EMPTY_SHA256, sizeBytes: 0 });
    expect(await blobs.get(EMPTY_SHA256)).toEqual(new Uint8Array());
  });

  it('keeps one untouched copy when the same bytes are put twice (put and putStream)', async () => {
    const bytes = text('NanoSight NTA 3.4\n'.repeat(1000));
    const first = await blobs.put(bytes);
    const path = blobs.pathOf(first.sha256);
    const before = await stat(path);
    await new Promise((r) => setTimeout(r, 20));
    expect(await blobs.put(bytes)).toEqual(first);
    expect(await blobs.putStream(chunksOf(bytes, 1000), 1_000_000)).toEqual(first);
    const after = await stat(path);
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(await filesUnder(dir)).toEqual([path]);
  });

  it('survives concurrent puts of the same bytes', async () => {
    const bytes = text('same bytes from two uploads');
    const results = await Promise.all([
      blobs.put(bytes),
      blobs.put(bytes),
      blobs.putStream(chunksOf(bytes, 4), 100),
    ]);
    expect(new Set(results.map((r) => r.sha256)).size).toBe(1);
    expect(await filesUnder(dir)).toHaveLength(1);
  });

  it('never rewrites a stored blob, even if its file was tampered with', async () => {
    const { sha256 } = await blobs.put(text('abc'));
    expect((await stat(blobs.pathOf(sha256))).mode & 0o222).toBe(0); // no write bit for anyone
    if (process.getuid?.() !== 0) {
      // Root ignores permission bits, so only a normal user can observe the refusal.
      await expect(writeFile(blobs.pathOf(sha256), 'changed')).rejects.toMatchObject({ code: 'EACCES' });
    }
  });

  it('hashes streams while writing them', async () => {
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 31) % 251);
    const expected = createHash('sha256').update(bytes).digest('hex');
    const result = await blobs.putStream(chunksOf(bytes, 65_536), bytes.length);
    expect(result).toEqual({ sha256: expected, sizeBytes: 300_000 });
    const read = await blobs.get(expected);
    expect(read && Buffer.compare(read, bytes)).toBe(0);
    expect((await stat(blobs.pathOf(expected))).mode & 0o777).toBe(0o444);
  });

  it('aborts a stream past maxBytes with BlobTooLargeError, leaving nothing behind and closing the source', async () => {
    let closed = false;
    async function* source(): AsyncGenerator<Uint8Array> {
      try {
        for (let i = 0; i < 100; i += 1) yield new Uint8Array(1000).fill(i);
      } finally {
        closed = true;
      }
    }
    const error = await blobs.putStream(source(), 2500).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlobTooLargeError);
    expect(error).toMatchObject({
      name: 'BlobTooLargeError',
      code: 'blob-too-large',
      maxBytes: 2500,
      receivedBytes: 3000,
    });
    expect(closed).toBe(true);
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('accepts a stream of exactly maxBytes', async () => {
    const result = await blobs.putStream(chunksOf(text('abc'), 1), 3);
    expect(result).toEqual({ sha256: ABC_SHA256, sizeBytes: 3 });
  });

  it('removes the temp file when the source fails', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield text('partial');
      throw new Error('connection reset');
    }
    await expect(blobs.putStream(failing(), 1000)).rejects.toThrow('connection reset');
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('answers null/false for unknown or malformed hashes instead of touching other paths', async () => {
    expect(await blobs.get('0'.repeat(64))).toBeNull();
    expect(await blobs.has('0'.repeat(64))).toBe(false);
    expect(await blobs.get('../../etc/passwd')).toBeNull();
    expect(await blobs.has(ABC_SHA256.toUpperCase())).toBe(false);
    expect(() => blobs.pathOf('../x')).toThrow(/SHA-256/);
  });
});
