import 'reflect-metadata';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pino } from 'pino';
import { hashPassword } from '../platform/auth/passwords.js';
import { loadConfig } from '../platform/config.js';
import { startEmbeddedPostgres } from '../platform/database.js';
import { ORM_MODEL } from '../app.js';
import { openOrm } from '../platform/orm.js';
import { DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from '../seed/demo.js';
import { seedLargeDistrict } from '../seed/large-district.js';

/**
 * Seeds the database of DATABASE_URL, or the embedded one in DATA_DIR: the demo street when
 * it is empty, and with --needs a large district on top of whatever is there.
 * Usage: npm run seed -- --needs 1000000 [--streets 10 --communities 8 --grids 6 --buildings 10 --residents 20]
 */
const { values } = parseArgs({
  options: {
    needs: { type: 'string' },
    streets: { type: 'string', default: '10' },
    communities: { type: 'string', default: '8' },
    grids: { type: 'string', default: '6' },
    buildings: { type: 'string', default: '10' },
    residents: { type: 'string', default: '20' },
  },
});
const count = (name: keyof typeof values, min: number, max: number) => {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(String(raw).replace(/_/g, ''));
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name} must be an integer from ${min} to ${max}`);
    process.exit(2);
  }
  return n;
};
const needs = count('needs', 1, 20_000_000);
const plan = {
  streets: count('streets', 1, 16)!,
  communities: count('communities', 1, 16)!,
  grids: count('grids', 1, 16)!,
  buildings: count('buildings', 1, 50)!,
  residents: count('residents', 2, 200)!,
};

const config = loadConfig();
const logger = pino({ level: 'warn' });
const database = config.databaseUrl
  ? { url: config.databaseUrl, stop: async () => {} }
  : await startEmbeddedPostgres({ dataDir: `${config.dataDir}/pg`, port: config.embeddedPgPort, logger });
const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
try {
  const orm = await openOrm(database.url, ORM_MODEL);
  try {
    if (await isDatabaseEmpty(orm.em.fork())) {
      await seedDemo(orm.em.fork());
      console.log(`Seeded the demo street (password of the demo accounts: ${DEMO_PASSWORD}).`);
    } else if (needs === undefined) {
      console.log('The database is not empty: the demo street is not seeded again.');
    }
  } finally {
    await orm.close();
  }
  if (needs !== undefined) {
    const buildings = plan.streets * plan.communities * plan.grids * plan.buildings;
    console.log(
      `Adding a district: ${plan.streets} streets × ${plan.communities} communities × ${plan.grids} grids × ${plan.buildings} buildings ` +
        `(${buildings} buildings, ${buildings * plan.residents} residents), ${needs} needs over two years …`,
    );
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const seeded = await seedLargeDistrict(client, {
        ...plan,
        needs,
        passwordHash: await hashPassword(DEMO_PASSWORD),
        log: (line) => console.log(line),
      });
      console.log(`  vacuum and analyze …`);
      const t = Date.now();
      for (const table of ['area', 'app_user', 'role_assignment', 'need', 'need_event', 'need_support']) {
        await client.query(`vacuum (analyze) ${table}`);
      }
      console.log(`  vacuum and analyze: ${((Date.now() - t) / 1000).toFixed(1)} s`);
      console.log(
        `Added ${seeded.needs} needs, ${seeded.events} events, ${seeded.supports} supports and ${seeded.users} people ` +
          `in ${seeded.streets.length} streets (${seeded.streets.map((s) => `${s.name} #${s.id}`).join(', ')}) in ${seconds()}.`,
      );
      console.log(
        `Street staff and administrator of ${seeded.streets[0]!.name}: ${seeded.staff.name} ${seeded.staff.phone}, password ${DEMO_PASSWORD}`,
      );
    } finally {
      await client.end();
    }
  }
} finally {
  await database.stop();
}
