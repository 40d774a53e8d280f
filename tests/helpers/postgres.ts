import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';

export const TEMPLATE_DATABASE = 'gongzhi_test_template';

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminClient(serverUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  return client;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A fresh copy of the migrated, demo-seeded template; dropped by the returned function. */
export async function cloneTemplateDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `gongzhi_test_${randomBytes(6).toString('hex')}`;
  const admin = await adminClient(serverUrl);
  try {
    // Cloning fails while another clone of the same template is being made; retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${TEMPLATE_DATABASE}`);
        break;
      } catch (error) {
        if (attempt >= 20 || !String(error).includes('being accessed by other users')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrl(serverUrl, name),
    async drop() {
      const client = await adminClient(serverUrl);
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
