import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Workbench } from '../../jobs/workbench.ts';
import { found } from '../request-context.ts';
import { idParams, problemResponses, rawFileModel } from '../schemas.ts';

const tags = ['files'];

/** `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266 / RFC 8187). */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** /api/raw-files/:id (metadata) and /api/raw-files/:id/content (the original bytes). */
export const rawFileRoutes: FastifyPluginAsyncZod<{ wb: Workbench }> = async (app, { wb }) => {
  app.get(
    '/raw-files/:id',
    {
      schema: {
        tags,
        summary: 'Raw file metadata',
        params: idParams,
        response: { 200: rawFileModel, ...problemResponses },
      },
    },
    async (req) => found(await wb.store.getRawFile(req.params.id), 'Raw file', req.params.id),
  );

  app.get(
    '/raw-files/:id/content',
    {
      schema: {
        tags,
        summary: 'Download the original bytes',
        description:
          'The bytes exactly as uploaded, with the uploaded Content-Type and Content-Disposition: attachment.',
        params: idParams,
      },
    },
    async (req, reply) => {
      const rawFile = found(await wb.store.getRawFile(req.params.id), 'Raw file', req.params.id);
      const bytes = await wb.blobs.get(rawFile.sha256);
      if (!bytes)
        throw new Error(`blob ${rawFile.sha256} of raw file ${rawFile.id} is missing from the blob store`);
      return reply
        .header('content-type', rawFile.mediaType)
        .header('content-disposition', contentDisposition(rawFile.originalName))
        .header('x-content-type-options', 'nosniff')
        .header('etag', `"${rawFile.sha256}"`)
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
  );
};
