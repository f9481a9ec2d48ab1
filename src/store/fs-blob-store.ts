/**
 * File-system BlobStore: content-addressed, immutable storage of raw uploads.
 *
 * Layout: <dir>/sha256/<h0h1>/<h2h3>/<hash> (two levels of 256 fan-out keep directories small), temp files
 * in <dir>/tmp on the same file system so the final rename(2) is atomic. Stored files are made read-only
 * (0o444); an existing hash is never rewritten.
 */
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobStore } from './blob-store.ts';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Thrown by putStream when the source exceeds maxBytes; nothing is left on disk. */
export class BlobTooLargeError extends Error {
  override readonly name = 'BlobTooLargeError';
  readonly code = 'blob-too-large';
  constructor(
    /** The limit that was exceeded, in bytes. */
    readonly maxBytes: number,
    /** Bytes received when the upload was cut off (more than maxBytes). */
    readonly receivedBytes: number,
  ) {
    super(`upload exceeds the limit of ${maxBytes} bytes`);
  }
}

export interface FsBlobStore extends BlobStore {
  readonly dir: string;
  /** Absolute path of a blob's file (whether or not it exists); throws for a malformed hash. */
  pathOf(sha256: string): string;
}

export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}

export function createFsBlobStore(dir: string): FsBlobStore {
  const tmpDir = join(dir, 'tmp');

  function pathOf(sha256: string): string {
    if (!isSha256Hex(sha256)) throw new Error(`not a lowercase hex SHA-256: ${JSON.stringify(sha256)}`);
    return join(dir, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async function exists(path: string): Promise<boolean> {
    try {
      await access(path, constants.F_OK);
      return true;
    } catch {
      return false;
    }
  }

  async function tempPath(): Promise<string> {
    await mkdir(tmpDir, { recursive: true });
    return join(tmpDir, `${process.pid}-${randomBytes(8).toString('hex')}.part`);
  }

  /** Moves a complete, synced temp file into place, or drops it when the blob is already stored. */
  async function commit(temp: string, sha256: string): Promise<void> {
    const final = pathOf(sha256);
    if (await exists(final)) {
      await rm(temp, { force: true });
      return;
    }
    await chmod(temp, 0o444);
    await mkdir(join(final, '..'), { recursive: true });
    // rename(2) is atomic; a concurrent put of the same bytes may win the race, with identical content.
    await rename(temp, final);
  }

  return {
    dir,
    pathOf,

    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const sizeBytes = bytes.byteLength;
      if (await exists(pathOf(sha256))) return { sha256, sizeBytes };
      const temp = await tempPath();
      try {
        const handle = await open(temp, 'wx', 0o600);
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await commit(temp, sha256);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      return { sha256, sizeBytes };
    },

    async putStream(source, maxBytes) {
      if (!Number.isFinite(maxBytes) || maxBytes < 0)
        throw new RangeError(`maxBytes must be >= 0, got ${maxBytes}`);
      const temp = await tempPath();
      const hash = createHash('sha256');
      let sizeBytes = 0;
      try {
        const handle = await open(temp, 'wx', 0o600);
        try {
          for await (const chunk of source) {
            sizeBytes += chunk.byteLength;
            if (sizeBytes > maxBytes) throw new BlobTooLargeError(maxBytes, sizeBytes);
            hash.update(chunk);
            await handle.write(chunk);
          }
          await handle.sync();
        } finally {
          await handle.close();
        }
        const sha256 = hash.digest('hex');
        await commit(temp, sha256);
        return { sha256, sizeBytes };
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },

    async get(sha256) {
      if (!isSha256Hex(sha256)) return null;
      try {
        const buf = await readFile(pathOf(sha256));
        return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },

    async has(sha256) {
      return isSha256Hex(sha256) && exists(pathOf(sha256));
    },
  };
}
