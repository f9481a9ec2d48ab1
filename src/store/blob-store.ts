/**
 * Immutable, content-addressed storage of raw uploads (SHA-256, lowercase hex). put() is idempotent:
 * storing the same bytes twice keeps one copy. Nothing is ever modified or deleted by a re-parse.
 */
export interface BlobStore {
  /** Stores bytes (atomically: temp file + rename) and returns their SHA-256 and size. */
  put(bytes: Uint8Array): Promise<{ sha256: string; sizeBytes: number }>;
  /** Streams a source to storage while hashing; aborts and leaves nothing behind past maxBytes. */
  putStream(
    source: AsyncIterable<Uint8Array>,
    maxBytes: number,
  ): Promise<{ sha256: string; sizeBytes: number }>;
  /**
   * The stored bytes, in a fresh buffer of the caller's own on every call (never a cached or shared one):
   * readers may decode in place over it (readFcs `inPlace`) without touching what is stored.
   */
  get(sha256: string): Promise<Uint8Array | null>;
  has(sha256: string): Promise<boolean>;
}
