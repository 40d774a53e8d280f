import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cloneTemplateDatabase, freePort } from '../helpers/postgres.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../helpers/server.js';

/**
 * SIGTERM lets requests in flight finish, then the server exits 0: the built server
 * (`npm run build:server`) as docker or systemd would stop it, with a slow photo upload
 * and a slow GraphQL request (their bodies sent in pieces) under way when it arrives.
 */
let database: { url: string; drop(): Promise<void> };
let child: ChildProcess;
let port: number;
let stderr = '';

beforeAll(async () => {
  database = await cloneTemplateDatabase(inject('postgresUrl'));
  port = await freePort();
  child = spawn(process.execPath, ['server/dist/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      SHUTDOWN_GRACE_MS: '10000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  for (let waited = 0; ; waited += 100) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    if (waited > 30_000) throw new Error(`server did not start: ${stderr}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 60_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await database?.drop();
});

/** Sends `head` + `body` over a raw connection in `pieces` parts `everyMs` apart; resolves with the status and body of the answer. */
function sendSlowly(
  head: string,
  body: Buffer,
  pieces: number,
  everyMs: number,
): { sent: Promise<void>; answer: Promise<{ status: number; body: string }> } {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString('latin1')));
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
      resolve({ status, body: Buffer.from(received.slice(received.indexOf('\r\n\r\n') + 4), 'latin1').toString() });
    });
  });
  const sent = (async () => {
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(head);
    const size = Math.ceil(body.length / pieces);
    for (let offset = 0; offset < body.length; offset += size) {
      socket.write(body.subarray(offset, offset + size));
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return { sent, answer };
}

async function signIn(phone: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($p: String!, $w: String!) { login(phone: $p, password: $w) { token } }',
      variables: { p: phone, w: DEMO_PASSWORD },
    }),
  });
  return ((await response.json()) as any).data.login.token;
}

describe('stopping with SIGTERM', () => {
  it('finishes the upload and the request in flight, then exits 0', async () => {
    const token = await signIn(DEMO_ACCOUNTS.resident);
    const image = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#336699' } })
      .jpeg()
      .toBuffer();
    const boundary = '----gongzhi-stop';
    const multipart = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      image,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const upload = sendSlowly(
      `POST /uploads/photos HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n` +
        `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${multipart.length}\r\n\r\n`,
      multipart,
      10,
      150,
    );
    const me = Buffer.from(JSON.stringify({ query: '{ me { displayName } }' }));
    const query = sendSlowly(
      `POST /graphql HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${me.length}\r\n\r\n`,
      me,
      10,
      150,
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');

    const [uploaded, answered] = await Promise.all([upload.answer, query.answer, upload.sent, query.sent]);
    expect(uploaded.status, uploaded.body).toBe(201);
    expect(JSON.parse(uploaded.body)).toMatchObject({ id: expect.any(String) });
    expect(answered.status, answered.body).toBe(200);
    expect(JSON.parse(answered.body)).toEqual({ data: { me: { displayName: expect.any(String) } } });
    expect(await exited, stderr).toBe(0);
  });
});
