import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { adminClient, databaseUrl, freePort } from '../helpers/postgres.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../helpers/server.js';

/**
 * What docker-compose.yml encodes: several server processes on one PostgreSQL.
 * They start together on an empty database (one migrates and seeds, the others wait),
 * and a session made on one is honoured by the others. Needs `npm run build:server`.
 */
const DATABASE = 'gongzhi_scale_out';
const instances: { process: ChildProcess; url: string }[] = [];

async function startInstance(url: string): Promise<{ process: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['server/dist/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'true',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const base = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 100) {
    if (child.exitCode !== null) throw new Error(`instance exited: ${stderr}`);
    if (waited > 30_000) throw new Error(`instance did not start: ${stderr}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { process: child, url: base };
}

async function gql(base: string, query: string, variables: object, token?: string): Promise<any> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

const server = inject('postgresUrl');

beforeAll(async () => {
  const admin = await adminClient(server);
  await admin.query(`drop database if exists ${DATABASE} with (force)`);
  await admin.query(`create database ${DATABASE}`);
  await admin.end();
  const url = databaseUrl(server, DATABASE);
  instances.push(...(await Promise.all([startInstance(url), startInstance(url), startInstance(url)])));
}, 90_000);

afterAll(async () => {
  await Promise.all(
    instances.map(
      ({ process }) =>
        new Promise<void>((resolve) =>
          process.exitCode !== null ? resolve() : (process.once('exit', () => resolve()), process.kill('SIGTERM')),
        ),
    ),
  );
  const admin = await adminClient(server);
  await admin.query(`drop database if exists ${DATABASE} with (force)`);
  await admin.end();
});

describe('several instances on one database', () => {
  it('migrate and seed once when started together', async () => {
    const client = new pg.Client({ connectionString: databaseUrl(server, DATABASE) });
    await client.connect();
    const streets = await client.query("select count(*)::int as n from area where kind = 'STREET'");
    const admins = await client.query('select count(*)::int as n from app_user where phone = $1', [
      DEMO_ACCOUNTS.streetAdmin,
    ]);
    await client.end();
    expect(streets.rows[0].n).toBe(2);
    expect(admins.rows[0].n).toBe(1);
  });

  it('honour a session made on another instance, and end it everywhere', async () => {
    const [a, b, c] = instances.map((instance) => instance.url);
    const login = await gql(a!, 'mutation($p: String!, $w: String!) { login(phone: $p, password: $w) { token } }', {
      p: DEMO_ACCOUNTS.communityStaff,
      w: DEMO_PASSWORD,
    });
    const token = login.data.login.token;
    expect((await gql(b!, '{ me { displayName } }', {}, token)).data.me.displayName).toBe('李秀英');
    await gql(c!, 'mutation { logout }', {}, token);
    expect((await gql(a!, '{ me { displayName } }', {}, token)).data.me).toBeNull();
  });
});
