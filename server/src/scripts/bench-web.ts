import path from 'node:path';
import {
  FIRST_PAGE,
  FIRST_PAGE_BUDGET_BYTES,
  pageOnTheWire,
  pageWeights,
  shellFiles,
  total,
  type WebFile,
} from './web-weight.js';

/**
 * Prints what a first visit to each page of the built web app downloads (see web-weight.ts):
 * the bytes as served (the build's brotli copies), beside gzip and raw, and what each page adds
 * to the shell every page shares. With BENCH_WEB_URL (a running server over plain HTTP, e.g.
 * http://localhost:4000 of `npm start`) it also fetches the first page's files from that server
 * and counts what comes over the wire, headers included. Fails nothing.
 * Target (issue 16): the first page (/signin) < 150 KiB on the wire.
 */
const webDir = path.resolve('web');
const kib = (bytes: number) => (bytes / 1024).toFixed(1).padStart(8);

const pages = await pageWeights(webDir);
const first = pages.find((page) => page.route === FIRST_PAGE);
if (!first) throw new Error(`no ${FIRST_PAGE} page in the build`);
const inShell = new Set(shellFiles(webDir));
const shell = first.files.filter((file) => inShell.has(file.file));

const row = (name: string, files: readonly WebFile[], own: readonly WebFile[]) =>
  `${name.padEnd(44)}${String(files.length).padStart(6)}${kib(total(files, 'raw'))}${kib(total(files, 'gzip'))}` +
  `${kib(total(files, 'served'))}${String(own.length).padStart(8)}${kib(total(own, 'served'))}`;

console.log('What a first visit to each page downloads before it can draw (web/build; API requests not counted).');
console.log('"served" is what a browser taking brotli gets; "beyond the shell" is what the page adds to the');
console.log('index.html, runtime and layout every page shares.\n');
console.log(
  `${'page'.padEnd(44)}${'files'.padStart(6)}${'raw KiB'.padStart(8)}${'gz KiB'.padStart(8)}${'served'.padStart(8)}` +
    `${'+files'.padStart(8)}${'+served'.padStart(8)}`,
);
console.log(row('(the shell: index.html and what it links)', shell, shell));
for (const page of pages) {
  const own = page.files.filter((file) => !inShell.has(file.file));
  console.log(row(page.route === FIRST_PAGE ? `${page.route}  (the first page)` : page.route, page.files, own));
}

const served = total(first.files, 'served');
console.log(
  `\nFirst page ${FIRST_PAGE}: ${first.files.length} files, ${kib(served).trim()} KiB served ` +
    `(${kib(total(first.files, 'raw')).trim()} KiB raw); budget ${FIRST_PAGE_BUDGET_BYTES / 1024} KiB on the wire, headers included.`,
);
console.log('Its largest files (served KiB):');
for (const file of [...first.files].sort((a, b) => b.served - a.served).slice(0, 8)) {
  console.log(`${kib(file.served)}  ${file.file}`);
}

const baseUrl = process.env.BENCH_WEB_URL;
if (baseUrl) {
  const responses = await pageOnTheWire(baseUrl, first);
  const headers = responses.reduce((sum, r) => sum + r.headerBytes, 0);
  const bodies = responses.reduce((sum, r) => sum + r.body.length, 0);
  const encodings = [...new Set(responses.map((r) => r.headers['content-encoding'] ?? 'none'))].join(', ');
  console.log(
    `\nOn the wire from ${baseUrl}: ${responses.length} responses, ${kib(bodies).trim()} KiB of bodies ` +
      `(${encodings}) + ${kib(headers).trim()} KiB of headers = ${kib(bodies + headers).trim()} KiB.`,
  );
} else {
  console.log('\nSet BENCH_WEB_URL to a running server (e.g. http://localhost:4000) to count the bytes on the wire.');
}
