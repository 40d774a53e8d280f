import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * What each page of the built web app makes a browser download on a first visit, read from the
 * build: index.html and what it links, then the code and styles of the page's layouts, error
 * pages and own node (SvelteKit lists each node's static imports, transitively, in its server
 * output). Code a page loads later, on demand, is not counted: it is not in the way of the
 * first paint. API requests are not counted either.
 */

/** The page a new resident meets first. */
export const FIRST_PAGE = '/signin';
/** Its budget on the wire, headers included (README, "The first page on a phone"). */
export const FIRST_PAGE_BUDGET_BYTES = 150 * 1024;

/** A file of the build (a path under it, like `_app/immutable/entry/app.js`) and its sizes. */
export interface WebFile {
  file: string;
  raw: number;
  gzip: number;
  /** What a browser that takes brotli receives: the build's `.br` copy, or the file itself without one. */
  served: number;
}

export interface PageWeight {
  route: string;
  /** The file of the page's own code (its `+page.svelte` and what only it uses). */
  ownCode: string;
  files: WebFile[];
}

interface BuildNode {
  imports: string[];
  stylesheets: string[];
  fonts: string[];
}
interface BuildRoute {
  id: string;
  page: { layouts: (number | undefined)[]; errors: (number | undefined)[]; leaf: number } | null;
}

const sizeOf = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : null);

function webFile(buildDir: string, file: string): WebFile {
  const full = path.join(buildDir, file);
  const raw = sizeOf(full);
  if (raw === null) throw new Error(`${file} is linked but not in ${buildDir}`);
  return { file, raw, gzip: sizeOf(`${full}.gz`) ?? raw, served: sizeOf(`${full}.br`) ?? raw };
}

/** What every page downloads first: index.html and the files of the build it links (modulepreloads, stylesheets, the icon). */
export function shellFiles(webDir: string): string[] {
  const buildDir = path.join(webDir, 'build');
  const html = fs.readFileSync(path.join(buildDir, 'index.html'), 'utf8');
  const linked = [...html.matchAll(/["']\/([^"'\s?#]+)["']/g)].map(([, file]) => file!);
  return ['index.html', ...new Set(linked.filter((file) => fs.existsSync(path.join(buildDir, file))))];
}

/** Every page of the app (dynamic ones by their route id, e.g. `/needs/[id]`), with what a first visit to it downloads. */
export async function pageWeights(webDir: string): Promise<PageWeight[]> {
  const buildDir = path.join(webDir, 'build');
  const serverOutput = path.join(webDir, '.svelte-kit', 'output', 'server');
  const manifestFile = path.join(serverOutput, 'manifest-full.js');
  if (!fs.existsSync(manifestFile)) throw new Error(`no web build in ${webDir}: run npm run build:web first`);
  const { manifest } = (await import(pathToFileURL(manifestFile).href)) as {
    manifest: { routes: BuildRoute[]; nodes: (() => Promise<BuildNode>)[] };
  };
  const nodes = await Promise.all(manifest.nodes.map((load) => load()));
  const shell = shellFiles(webDir);

  return manifest.routes
    .filter((route) => route.page)
    .map((route) => {
      const { layouts, errors, leaf } = route.page!;
      const pageNodes = [...layouts, ...errors, leaf].flatMap((index) => (index === undefined ? [] : [nodes[index]!]));
      const files = new Set([
        ...shell,
        ...pageNodes.flatMap((node) => [...node.imports, ...node.stylesheets, ...node.fonts]),
      ]);
      // SvelteKit lists a node's own file first.
      const ownCode = nodes[leaf]!.imports[0]!;
      return { route: route.id, ownCode, files: [...files].map((file) => webFile(buildDir, file)) };
    });
}

export const total = (files: readonly WebFile[], size: keyof Omit<WebFile, 'file'>) =>
  files.reduce((sum, file) => sum + file[size], 0);

/** One response as it came over the wire: its status line and headers, and its body as sent (compressed or not). */
export interface WireResponse {
  url: string;
  status: number;
  headers: http.IncomingHttpHeaders;
  headerBytes: number;
  body: Buffer;
}

/** What a phone's browser asks with. */
const BROWSER_ENCODINGS = 'gzip, deflate, br, zstd';

/** GETs `url` as a browser asking for `accept` would (brotli and gzip taken unless told), and keeps the bytes that came. */
export function fetchOnTheWire(url: string, accept = '*/*', acceptEncoding = BROWSER_ENCODINGS): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { accept, 'accept-encoding': acceptEncoding } }, (response) => {
      const statusLine = `HTTP/${response.httpVersion} ${response.statusCode} ${response.statusMessage}\r\n`;
      let headerBytes = Buffer.byteLength(statusLine) + 2;
      for (let i = 0; i < response.rawHeaders.length; i += 2) {
        headerBytes += Buffer.byteLength(`${response.rawHeaders[i]}: ${response.rawHeaders[i + 1]}\r\n`);
      }
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          url,
          status: response.statusCode ?? 0,
          headers: response.headers,
          headerBytes,
          body: Buffer.concat(chunks),
        }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/** A page's files fetched from a running server (`baseUrl`): index.html as the page's own address, the rest by name. */
export function pageOnTheWire(baseUrl: string, page: PageWeight): Promise<WireResponse[]> {
  return Promise.all(
    page.files.map(({ file }) =>
      file === 'index.html'
        ? fetchOnTheWire(new URL(page.route, baseUrl).href, 'text/html')
        : fetchOnTheWire(new URL(`/${file}`, baseUrl).href),
    ),
  );
}
