import { CloseCode, type makeServer } from 'graphql-ws';
import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { logger } from '../../logger';
import type { Extra } from './connection';
import type { WsSessions } from './sessions';

const KEEP_ALIVE_MS = 12_000;

/** graphql-ws over one `ws` socket (what graphql-ws/use/ws does, with the hub's logger instead of the console). */
export function connect(
  server: ReturnType<typeof makeServer<Record<string, unknown> | undefined, Extra>>,
  socket: WebSocket,
  request: http.IncomingMessage,
  ip: string,
  sessions: WsSessions,
  byDocumentId = false,
): void {
  const extra: Extra = { socket, request, ip };
  socket.once('error', (error) => {
    logger.warn({ err: error }, 'WebSocket error: closing the connection');
    socket.close(CloseCode.InternalServerError, 'Internal server error');
  });
  let pongWait: NodeJS.Timeout | undefined;
  const ping = setInterval(() => {
    if (socket.readyState !== socket.OPEN) return;
    pongWait = setTimeout(() => socket.terminate(), KEEP_ALIVE_MS);
    socket.once('pong', () => clearTimeout(pongWait));
    socket.ping();
  }, KEEP_ALIVE_MS);
  ping.unref();
  const closed = server.opened(
    {
      protocol: socket.protocol,
      send: (data) =>
        new Promise<void>((resolve, reject) => {
          if (socket.readyState !== socket.OPEN) return resolve();
          socket.send(data, (error) => (error ? reject(error) : resolve()));
        }),
      close: (code, reason) => socket.close(code, reason),
      onMessage: (cb) =>
        socket.on('message', async (data) => {
          try {
            await cb(byDocumentId ? withQueryText(String(data)) : String(data));
          } catch (error) {
            const errorId = randomUUID();
            logger.error({ errorId, err: error }, 'internal error handling a WebSocket message');
            socket.close(CloseCode.InternalServerError, `Internal error (id: ${errorId}).`);
          }
        }),
    },
    extra,
  );
  socket.once('close', (code, reason) => {
    if (extra.session) sessions.closed(extra.session);
    clearInterval(ping);
    clearTimeout(pongWait);
    closed(code, String(reason)).catch((error: unknown) =>
      logger.error({ err: error }, 'error closing a WebSocket connection'),
    );
  });
}

/**
 * graphql-ws requires a subscribe payload's `query` to be a string; a persisted document named by id
 * (`documentId`, or Apollo's `extensions.persistedQuery`) carries none. Such a payload gets an empty
 * `query` here, and the trusted documents resolve the id to its text (src/server/trusted-documents.ts).
 */
export function withQueryText(data: string): string {
  if (!data.includes('"subscribe"')) return data;
  try {
    const message = JSON.parse(data) as { type?: unknown; payload?: Record<string, unknown> };
    const payload = message.payload;
    if (message.type !== 'subscribe' || !payload || typeof payload !== 'object' || payload.query !== undefined)
      return data;
    return JSON.stringify({ ...message, payload: { ...payload, query: '' } });
  } catch {
    return data;
  }
}
