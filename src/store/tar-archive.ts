/**
 * A minimal POSIX ustar writer and reader (IEEE Std 1003.1-2001, "pax" section ustar header): regular files
 * only, names ≤ 100 bytes, sizes < 8 GiB. Enough for evlab backups (one database file plus content-addressed
 * blobs) without a dependency; `tar -tf backup.tar` lists it. The reader validates every header checksum and
 * hands names to the caller, who must allow-list them (never use an archive name as a path unchecked).
 */
import { type FileHandle, open } from 'node:fs/promises';

const BLOCK = 512;

function writeString(buf: Buffer, offset: number, length: number, value: string): void {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length > length) throw new Error(`tar: "${value}" is longer than ${length} bytes`);
  bytes.copy(buf, offset);
}

function writeOctal(buf: Buffer, offset: number, length: number, value: number): void {
  // length-1 octal digits, then NUL (ustar).
  writeString(buf, offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
}

function header(name: string, size: number, mtimeS: number): Buffer {
  const h = Buffer.alloc(BLOCK, 0);
  writeString(h, 0, 100, name);
  writeOctal(h, 100, 8, 0o644);
  writeOctal(h, 108, 8, 0);
  writeOctal(h, 116, 8, 0);
  writeOctal(h, 124, 12, size);
  writeOctal(h, 136, 12, mtimeS);
  h.fill(0x20, 148, 156); // checksum field counts as spaces
  h[156] = 0x30; // '0' regular file
  writeString(h, 257, 6, 'ustar\0');
  writeString(h, 263, 2, '00');
  let sum = 0;
  for (const byte of h) sum += byte;
  writeString(h, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return h;
}

/** Appends files to a new tar file; call end() to write the two zero blocks and close it. */
export class TarWriter {
  #position = 0;
  private constructor(readonly file: FileHandle) {}

  static async create(path: string): Promise<TarWriter> {
    return new TarWriter(await open(path, 'wx', 0o600));
  }

  async add(name: string, bytes: Uint8Array, mtime = new Date()): Promise<void> {
    await this.#write(header(name, bytes.byteLength, Math.floor(mtime.getTime() / 1000)));
    await this.#write(bytes);
    const pad = (BLOCK - (bytes.byteLength % BLOCK)) % BLOCK;
    if (pad > 0) await this.#write(Buffer.alloc(pad, 0));
  }

  async end(): Promise<void> {
    await this.#write(Buffer.alloc(2 * BLOCK, 0));
    await this.file.sync();
    await this.file.close();
  }

  async abort(): Promise<void> {
    await this.file.close().catch(() => undefined);
  }

  async #write(bytes: Uint8Array): Promise<void> {
    await this.file.write(bytes, 0, bytes.byteLength, this.#position);
    this.#position += bytes.byteLength;
  }
}

export class TarFormatError extends Error {
  override readonly name = 'TarFormatError';
}

function readString(buf: Buffer, offset: number, length: number): string {
  const end = buf.indexOf(0, offset);
  return buf.toString('utf8', offset, end === -1 || end > offset + length ? offset + length : end);
}

function readOctal(buf: Buffer, offset: number, length: number, what: string, at: number): number {
  const text = readString(buf, offset, length).trim();
  if (!/^[0-7]{1,12}$/.test(text))
    throw new TarFormatError(`tar: bad ${what} field in the header at byte ${at}`);
  return Number.parseInt(text, 8);
}

/** Reads a tar file entry by entry (regular files only); each entry's bytes are read on demand. */
export async function* readTar(
  path: string,
  maxEntryBytes: number,
): AsyncGenerator<{ name: string; size: number; read: () => Promise<Buffer> }> {
  const file = await open(path, 'r');
  try {
    const { size: fileSize } = await file.stat();
    let position = 0;
    const h = Buffer.alloc(BLOCK);
    for (;;) {
      if (position + BLOCK > fileSize)
        throw new TarFormatError(`tar: archive ends without its end marker (byte ${position})`);
      await file.read(h, 0, BLOCK, position);
      if (h.every((b) => b === 0)) return;
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (h[i] as number);
      if (readOctal(h, 148, 8, 'checksum', position) !== sum) {
        throw new TarFormatError(`tar: header checksum mismatch at byte ${position}`);
      }
      const name = readString(h, 0, 100);
      const size = readOctal(h, 124, 12, 'size', position);
      const type = String.fromCharCode(h[156] as number);
      const dataAt = position + BLOCK;
      if (type !== '0' && type !== '\0')
        throw new TarFormatError(`tar: entry "${name}" is not a regular file`);
      if (size > maxEntryBytes)
        throw new TarFormatError(`tar: entry "${name}" is larger than ${maxEntryBytes} bytes`);
      if (dataAt + size > fileSize) throw new TarFormatError(`tar: entry "${name}" is cut short`);
      yield {
        name,
        size,
        read: async () => {
          const data = Buffer.alloc(size);
          if (size > 0) await file.read(data, 0, size, dataAt);
          return data;
        },
      };
      position = dataAt + Math.ceil(size / BLOCK) * BLOCK;
    }
  } finally {
    await file.close();
  }
}
