import type { FastifyInstance } from 'fastify';

/**
 * Node's own `requestTimeout` stops counting once a handler has the request, so a body
 * trickled in a byte at a time would hold its socket as long as the client likes. Each
 * request whose body has not fully arrived within `timeoutMs` has its connection closed
 * (a 408 first when nothing was answered yet). WebSocket upgrades are left alone.
 */
export function enforceRequestDeadline(app: FastifyInstance, timeoutMs: number): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.headers.upgrade) return;
    const timer = setTimeout(() => {
      if (request.raw.complete) return;
      const socket = request.raw.socket;
      request.log.info({ url: request.url }, 'request body not received in time; closing the connection');
      if (!reply.raw.headersSent && socket.writable) {
        const body = '{"code":"REQUEST_TIMEOUT","message":"Request Timeout"}';
        socket.end(
          `HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
        );
      }
      socket.destroySoon();
    }, timeoutMs);
    timer.unref();
    reply.raw.once('close', () => clearTimeout(timer));
  });
}
