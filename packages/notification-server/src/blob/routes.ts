/**
 * Serves the blob store over HTTP under `/exports/`, with headers a CDN can cache by: export
 * zips never change once published (long max-age, immutable); index files change every run
 * (short max-age). A strong ETag lets clients and caches revalidate cheaply.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { BlobStore } from './store.ts';

/** URL prefix under which published files are served. */
export const EXPORTS_PREFIX = '/exports';

const INDEX_MAX_AGE = 300;
const ZIP_MAX_AGE = 14 * 86_400;

/** Registers `GET /exports/*`. */
export async function blobRoutes(app: FastifyInstance, options: { store: BlobStore }) {
  app.get(
    `${EXPORTS_PREFIX}/*`,
    { schema: { summary: 'A published export zip or index file', tags: ['exports'] } },
    async (request, reply) => {
      const name = (request.params as { '*': string })['*'];
      let bytes: Uint8Array | null = null;
      try {
        bytes = await options.store.get(name);
      } catch {
        bytes = null;
      }
      if (bytes === null) {
        return reply.code(404).send({ code: 'NOT_FOUND', message: 'no such file' });
      }

      const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
      const isZip = name.endsWith('.zip');
      reply
        .header('etag', etag)
        .header(
          'cache-control',
          isZip ? `public, max-age=${ZIP_MAX_AGE}, immutable` : `public, max-age=${INDEX_MAX_AGE}`,
        )
        .header('content-type', contentType(name));
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
  );
}

function contentType(name: string): string {
  if (name.endsWith('.zip')) return 'application/zip';
  if (name.endsWith('.json')) return 'application/json; charset=utf-8';
  return 'text/plain; charset=utf-8';
}
