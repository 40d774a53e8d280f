import { defineConfig } from 'vite';
import { sveltekit } from '@sveltejs/kit/vite';
import adapter from '@sveltejs/adapter-static';
import { paraglideVitePlugin } from '@inlang/paraglide-js';

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
