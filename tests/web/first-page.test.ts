import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE_CACHE_CONTROL, REVALIDATE_CACHE_CONTROL } from '../../server/src/platform/web-files.js';
import {
  FIRST_PAGE,
  FIRST_PAGE_BUDGET_BYTES,
  fetchOnTheWire,
  pageOnTheWire,
  pageWeights,
  shellFiles,
  type PageWeight,
} from '../../server/src/scripts/web-weight.js';
import { startApp, type StartedApp } from '../helpers/app.js';

const webDir = path.resolve('web');
const buildDir = path.join(webDir, 'build');
const varies = (vary: string | string[] | undefined) => String(vary).toLowerCase().split(/,\s*/);

/** Sizes, not timings: what the server sends for the first page, as the build of `npm run build:web` has it. */
describe('the first page on a phone', () => {
  let app: StartedApp;
  let pages: PageWeight[];
  let first: PageWeight;
  beforeAll(async () => {
    app = await startApp();
    pages = await pageWeights(webDir);
    first = pages.find((page) => page.route === FIRST_PAGE)!;
  });
  afterAll(() => app?.stop());

  it('sends the build’s brotli copy of a hashed file, kept for good, and gzip or the file itself to browsers that take no brotli', async () => {
    const script = shellFiles(webDir).find((file) => file.startsWith('_app/immutable/') && file.endsWith('.js'))!;
    const url = `${app.url}/${script}`;
    const onDisk = fs.readFileSync(path.join(buildDir, script));

    const brotli = await fetchOnTheWire(url);
    expect(brotli.status).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toMatch(/^(application|text)\/javascript/);
    expect(varies(brotli.headers.vary)).toContain('accept-encoding');
    expect(brotli.headers['cache-control']).toBe(IMMUTABLE_CACHE_CONTROL);
    expect(brotli.body.equals(fs.readFileSync(path.join(buildDir, `${script}.br`)))).toBe(true);
    expect(zlib.brotliDecompressSync(brotli.body).equals(onDisk)).toBe(true);

    const gzip = await fetchOnTheWire(url, '*/*', 'gzip, deflate');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.body).equals(onDisk)).toBe(true);

    const plain = await fetchOnTheWire(url, '*/*', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(varies(plain.headers.vary)).toContain('accept-encoding');
    expect(plain.headers['cache-control']).toBe(IMMUTABLE_CACHE_CONTROL);
    expect(plain.body.equals(onDisk)).toBe(true);
  });

  it('sends index.html compressed for a page the app routes itself, checked again on each visit, with the security headers', async () => {
    const page = await fetchOnTheWire(`${app.url}${FIRST_PAGE}`, 'text/html');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['cache-control']).toBe(REVALIDATE_CACHE_CONTROL);
    expect(zlib.brotliDecompressSync(page.body).toString()).toBe(
      fs.readFileSync(path.join(buildDir, 'index.html'), 'utf8'),
    );
    expect(page.headers['content-security-policy']).toContain("script-src 'self' 'sha256-");
    expect(page.headers['x-content-type-options']).toBe('nosniff');

    const favicon = await fetchOnTheWire(`${app.url}/favicon.svg`);
    expect(favicon.headers['cache-control']).toBe(REVALIDATE_CACHE_CONTROL);
  });

  it(`keeps ${FIRST_PAGE} under ${FIRST_PAGE_BUDGET_BYTES / 1024} KiB on the wire, headers included, with no fonts`, async () => {
    const responses = await pageOnTheWire(app.url, first);
    expect(responses.map((r) => r.status)).toEqual(first.files.map(() => 200));
    // What the bench prints is what the server sends.
    expect(responses.map((r) => r.body.length)).toEqual(first.files.map((file) => file.served));
    const onTheWire = responses.reduce((sum, r) => sum + r.headerBytes + r.body.length, 0);
    expect(onTheWire).toBeLessThan(FIRST_PAGE_BUDGET_BYTES);

    // The system's CJK fonts draw the text (app.css); the server's Noto font is for PDFs only.
    const fontFiles = fs
      .readdirSync(buildDir, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(woff2?|ttf|otf)$/i.test(file));
    expect(fontFiles).toEqual([]);
  });

  it('downloads no other page’s code on the first page', () => {
    const firstFiles = new Set(first.files.map((file) => file.file));
    const others = pages.filter((page) => page.route !== FIRST_PAGE && page.ownCode !== first.ownCode);
    expect(others.length).toBeGreaterThan(50);
    expect(others.filter((page) => firstFiles.has(page.ownCode)).map((page) => page.route)).toEqual([]);
  });
});
