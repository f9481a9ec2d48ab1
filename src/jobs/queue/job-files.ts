/**
 * Files that belong to jobs, under `<dataDir>/jobs/` (shared by the server and every `evlab worker`, like
 * the blob store):
 *  - `inputs/<sha256>` — a large job input (a track table of tens of MB), content-addressed, so the jobs row
 *    holds only its hash and the job list stays small;
 *  - `results/<jobId>/<fileName>` — a file a job produced (a PDF report).
 * Not the blob store: blobs are raw evidence with a raw_files row, and start-up reconciliation removes
 * blobs without one. Every write is atomic (temp file in the same directory + rename(2)), so a reader never
 * sees half a file and a retried job simply replaces its own result with identical bytes. Temp files of a
 * process that died are removed by `cleanJobTempFiles` (the queue calls it at start-up).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

export interface JobFile {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

const SHA256 = /^[0-9a-f]{64}$/;
/** A job id as newTimeOrderedId makes it (letters, digits, dashes). */
const JOB_ID = /^[0-9A-Za-z_-]{1,100}$/;
const TEMP_SUFFIX = '.tmp';

function jobsDir(dataDir: string): string {
  return join(dataDir, 'jobs');
}

async function writeAtomically(path: string, dir: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dir, { recursive: true });
  // The pid in the name lets cleanJobTempFiles tell a live writer from a dead one.
  const temp = join(dir, `.${process.pid}-${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  try {
    await writeFile(temp, bytes);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

function safeFileName(name: string): string {
  const clean = basename(name).replace(/[^\w.+-]/g, '_');
  return clean === '' || clean.startsWith('.') ? `file${clean}` : clean.slice(0, 200);
}

/** Stores a job input file; returns its SHA-256 (the same bytes twice keep one copy). */
export async function putJobInput(dataDir: string, bytes: Uint8Array): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const dir = join(jobsDir(dataDir), 'inputs');
  const path = join(dir, sha256);
  if (!existsSync(path)) await writeAtomically(path, dir, bytes);
  return sha256;
}

/** The bytes of a job input file; null when missing or altered (the hash is checked). */
export async function readJobInput(dataDir: string, sha256: string): Promise<Uint8Array | null> {
  if (!SHA256.test(sha256)) return null;
  const bytes = await readFile(join(jobsDir(dataDir), 'inputs', sha256)).catch(() => null);
  if (bytes === null) return null;
  return createHash('sha256').update(bytes).digest('hex') === sha256 ? bytes : null;
}

/** Stores the file a job produced (replacing the same job's earlier attempt atomically). */
export async function putJobResultFile(
  dataDir: string,
  jobId: string,
  fileName: string,
  mediaType: string,
  bytes: Uint8Array,
): Promise<JobFile> {
  if (!JOB_ID.test(jobId)) throw new Error(`not a job id: ${jobId}`);
  const name = safeFileName(fileName);
  const dir = join(jobsDir(dataDir), 'results', jobId);
  await writeAtomically(join(dir, name), dir, bytes);
  return {
    fileName: name,
    mediaType,
    sizeBytes: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** The bytes of a job's result file, checked against the hash recorded in the job's result; null otherwise. */
export async function readJobResultFile(
  dataDir: string,
  jobId: string,
  file: JobFile,
): Promise<Uint8Array | null> {
  if (!JOB_ID.test(jobId)) return null;
  const bytes = await readFile(join(jobsDir(dataDir), 'results', jobId, safeFileName(file.fileName))).catch(
    () => null,
  );
  if (bytes === null) return null;
  return createHash('sha256').update(bytes).digest('hex') === file.sha256 ? bytes : null;
}

/** Removes every result file of a job (a cancelled job, or one whose retention period passed). */
export async function removeJobResultFiles(dataDir: string, jobId: string): Promise<boolean> {
  if (!JOB_ID.test(jobId)) return false;
  const dir = join(jobsDir(dataDir), 'results', jobId);
  if (!existsSync(dir)) return false;
  await rm(dir, { recursive: true, force: true });
  return true;
}

/** True for `{ file: JobFile }` results (a job that produced a file). */
export function jobResultFile(result: unknown): JobFile | null {
  const file = (result as { file?: Partial<JobFile> } | null)?.file;
  if (!file || typeof file !== 'object') return null;
  const { fileName, mediaType, sizeBytes, sha256 } = file;
  if (typeof fileName !== 'string' || typeof mediaType !== 'string' || typeof sha256 !== 'string')
    return null;
  if (typeof sizeBytes !== 'number') return null;
  return { fileName, mediaType, sizeBytes, sha256 };
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temp files under `<dataDir>/jobs` left by a process that died mid-write (a SIGKILLed worker).
 * A temp file of a live process (another worker on this machine) is left alone. Returns the paths removed.
 */
export async function cleanJobTempFiles(dataDir: string): Promise<string[]> {
  const removed: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && depth < 3) await walk(path, depth + 1);
      else if (entry.isFile() && entry.name.startsWith('.') && entry.name.endsWith(TEMP_SUFFIX)) {
        const pid = Number(entry.name.slice(1, entry.name.indexOf('-')));
        if (pid === process.pid || processAlive(pid)) continue;
        if (!(await stat(path).catch(() => null))) continue;
        await rm(path, { force: true });
        removed.push(path);
      }
    }
  };
  await walk(jobsDir(dataDir), 0);
  return removed;
}
