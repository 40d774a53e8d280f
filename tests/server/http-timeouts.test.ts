import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../helpers/server.js';

/** Slow clients (trickled bodies, silent connections) are cut off, so they cannot hold the server's sockets. */
const REQUEST_TIMEOUT_MS = 1_000;
const CONNECTION_TIMEOUT_MS = 1_500;

let server: TestServer;
let port: number;

beforeAll(async () => {
  server = await createTestServer({
    REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    CONNECTION_TIMEOUT_MS: String(CONNECTION_TIMEOUT_MS),
  });
  const address = await server.app.http.listen({ port: 0, host: '127.0.0.1' });
  port = Number(new URL(address).port);
});
afterAll(() => server?.close());

/** Opens a raw connection, sends `head`, then one byte every `everyMs`; resolves with how long until the server closed it. */
function trickle(
  head: string,
  everyMs: number | null,
  giveUpMs: number,
): Promise<{ closedAfterMs: number | null; received: string }> {
  return new Promise((resolve) => {
    const startedAt = Date.now();
    let received = '';
    const socket = net.connect(port, '127.0.0.1', () => socket.write(head));
    const timer = everyMs === null ? undefined : setInterval(() => socket.writable && socket.write('x'), everyMs);
    const done = (closedAfterMs: number | null) => {
      clearInterval(timer);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ closedAfterMs, received });
    };
    const giveUp = setTimeout(() => done(null), giveUpMs);
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('close', () => done(Date.now() - startedAt));
    socket.on('error', () => {});
  });
}

describe('request and connection timeouts', () => {
  it('closes a connection whose body trickles in past the request timeout', async () => {
    const head =
      'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{';
    const { closedAfterMs } = await trickle(head, 100, REQUEST_TIMEOUT_MS * 4);
    expect(closedAfterMs).not.toBeNull();
    expect(closedAfterMs!).toBeLessThan(REQUEST_TIMEOUT_MS * 3);
  });

  it('closes a connection that sends nothing', async () => {
    const { closedAfterMs } = await trickle('', null, CONNECTION_TIMEOUT_MS * 3);
    expect(closedAfterMs).not.toBeNull();
    expect(closedAfterMs!).toBeLessThan(CONNECTION_TIMEOUT_MS * 2.5);
  });

  it('still answers a request sent at once', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
  });
});
