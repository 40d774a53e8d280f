import { defineConfig } from 'vite';
import { sveltekit } from '@sveltejs/kit/vite';
import adapter from '@sveltejs/adapter-static';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import type { Rolldown } from 'vite';

// The code of a first visit comes in few files: one for what every page runs (the shell), then a
// page's own, with what it shares with other pages merged into files of a useful size. Each file
// costs a request (and its headers) on a phone's slow link.

// What every first visit runs: SvelteKit's client, the route table, the root layout and error page.
const SHELL_ENTRIES = [
  /@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]client[\\/]entry\.js$/,
  /[\\/]generated[\\/]build[\\/]client-optimized[\\/](app|nodes[\\/][01])\.js$/,
];
// Paraglide's catalogue re-exports every message; a page uses only those it names, so a message
// goes where it is used, not wherever the catalogue is imported.
const CATALOGUE = /[\\/]src[\\/]lib[\\/]paraglide[\\/](messages\.js|messages[\\/]_index\.js)$/;
const shellAnswers = new Map<string, boolean>();

/** Whether a shell entry imports module `id`, through any chain of static imports. */
function inShell(id: string, ctx: Rolldown.ChunkingContext): boolean {
  let answer = shellAnswers.get(id);
  if (answer === undefined) {
    answer = importedByShell(id, ctx, new Set());
    shellAnswers.set(id, answer);
  }
  return answer;
}
function importedByShell(id: string, ctx: Rolldown.ChunkingContext, seen: Set<string>): boolean {
  if (seen.has(id)) return false;
  seen.add(id);
  return (ctx.getModuleInfo(id)?.importers ?? []).some(
    (importer) =>
      SHELL_ENTRIES.some((entry) => entry.test(importer)) ||
      (!CATALOGUE.test(importer) && importedByShell(importer, ctx, seen)),
  );
}

export default defineConfig({
  plugins: [
    // An SPA has no server-side locale: the choice is kept in localStorage, and the
    // base locale (zh-CN) is used until someone chooses. Keep in step with `gen:web`.
    paraglideVitePlugin({
      project: './project.inlang',
      outdir: './src/lib/paraglide',
      strategy: ['localStorage', 'baseLocale'],
    }),
    sveltekit({
      // A single-page app: the server serves build/ and falls back to index.html. `precompress`
      // writes a .br and a .gz beside each file, which the server sends as they are (web-files.ts).
      adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', precompress: true }),
    }),
  ],
  environments: {
    client: {
      build: {
        rolldownOptions: {
          output: {
            codeSplitting: {
              groups: [
                { name: (id, ctx) => (inShell(id, ctx) ? 'shell' : null), priority: 1 },
                // What several pages share, by the set of pages that use it; sets under 4 kB join a neighbour.
                { name: 'shared', minShareCount: 2, entriesAware: true, entriesAwareMergeThreshold: 4096 },
              ],
            },
          },
        },
      },
    },
  },
  server: {
    // The server's plain constant modules the app imports (#limits/*, #error-codes); the rest of
    // server/ stays unreachable from the dev server.
    fs: {
      allow: [
        '../server/src/needs/needs.limits.ts',
        '../server/src/people/people.limits.ts',
        '../server/src/areas/areas.limits.ts',
        '../server/src/units/units.limits.ts',
        '../server/src/offers/offers.limits.ts',
        '../server/src/pledges/pledges.limits.ts',
        '../server/src/projects/projects.limits.ts',
        '../server/src/committees/committees.limits.ts',
        '../server/src/households/households.limits.ts',
        '../server/src/meetings/meetings.limits.ts',
        '../server/src/votes/votes.limits.ts',
        '../server/src/resolutions/resolutions.limits.ts',
        '../server/src/activities/activities.limits.ts',
        '../server/src/records/records.limits.ts',
        '../server/src/volunteers/volunteers.limits.ts',
        '../server/src/teams/teams.limits.ts',
        '../server/src/certificates/certificates.limits.ts',
        '../server/src/platform/error-codes.ts',
      ],
    },
    proxy: {
      // The API server (npm run dev / npm start); GONGZHI_API points elsewhere.
      '/graphql': { target: process.env.GONGZHI_API ?? 'http://localhost:4000', ws: true },
    },
  },
});
