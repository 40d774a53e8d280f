import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Files whose names carry a hash of their content (SvelteKit's `_app/immutable/`): a new build gives new names. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** Everything else (index.html, the favicon, `_app/version.json`) is checked with the server on each use. */
export const REVALIDATE_CACHE_CONTROL = 'no-cache';

const IMMUTABLE_DIR = /[/\\]_app[/\\]immutable[/\\]/;

/**
 * Serves the built web app from `webDir`. The build writes a brotli and a gzip copy beside each
 * text file (adapter-static's `precompress`), so a phone gets the smallest one its browser takes,
 * without compressing on every request; the hashed files are cached for good.
 */
export async function serveWebFiles(app: FastifyInstance, webDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    // The compressed copies are chosen by Accept-Encoding, not asked for by name.
    globIgnore: ['**/*.br', '**/*.gz'],
    setHeaders: (reply, filePath) => {
      reply.header('cache-control', IMMUTABLE_DIR.test(filePath) ? IMMUTABLE_CACHE_CONTROL : REVALIDATE_CACHE_CONTROL);
    },
  });
}
