/**
 * The existing measurement a duplicate upload points to (409 problem+json, code duplicate-upload, from
 * POST /api/batches/:id/files): same bytes (SHA-256) already stored on the batch.
 */
export interface DuplicateLink {
  fileName: string;
  measurementId: string;
  href: string;
}

export function duplicateOf(problem: Record<string, unknown> | null | undefined): DuplicateLink | null {
  if (problem?.code !== 'duplicate-upload' || !Array.isArray(problem.duplicates)) return null;
  const first = problem.duplicates[0] as Record<string, unknown> | undefined;
  if (!first || typeof first.measurementId !== 'string' || typeof first.href !== 'string') return null;
  return {
    fileName: typeof first.fileName === 'string' ? first.fileName : '',
    measurementId: first.measurementId,
    href: first.href,
  };
}
