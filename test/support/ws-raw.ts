import WebSocket from 'ws';

/**
 * A bare graphql-transport-ws connection for tests that count what the server does with each message:
 * every frame is kept, the close code and reason are kept, nothing retries.
 */
export interface RawSocket {
  /** connection_init's outcome: acknowledged, or the close (code, reason) that refused it. */
  init: Promise<{ ack: true } | { ack: false; code: number; reason: string }>;
  /** Resolves when the socket closes (also after a refused init). */
  closed: Promise<{ code: number; reason: string; at: number }>;
  /** Sends a subscribe; resolves with its first frame (next, error or complete) or 'none' after `quietMs`. */
  subscribe(id: string, query: string, quietMs?: number, variables?: Record<string, unknown>): Promise<Frame | 'none'>;
  /** Sends a subscribe with any payload (a persisted document's id instead of a query). */
  subscribePayload(id: string, payload: Record<string, unknown>, quietMs?: number): Promise<Frame | 'none'>;
  /** Frames received for a subscription id so far. */
  frames(id: string): Frame[];
  close(): void;
}

export interface Frame {
  type: string;
  id?: string;
  payload?: unknown;
}

/** Opens a socket to `url` (http→ws) and sends connection_init with `params`. */
export function openRawSocket(
  url: string,
  params: Record<string, unknown>,
  headers: Record<string, string> = {},
): RawSocket {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws', { headers });
  const frames: Frame[] = [];
  const waiters: Array<(f: Frame) => void> = [];
  const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) => {
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason), at: Date.now() }));
    socket.on('unexpected-response', (_req, res) =>
      resolve({ code: res.statusCode ?? 0, reason: String(res.headers['retry-after'] ?? ''), at: Date.now() }),
    );
    socket.on('error', () => undefined);
  });
  socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: params })));
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Frame;
    frames.push(frame);
    for (const w of waiters.splice(0)) w(frame);
  });
  const next = (match: (f: Frame) => boolean, quietMs: number): Promise<Frame | 'none'> =>
    new Promise((resolve) => {
      const found = frames.find(match);
      if (found) return resolve(found);
      const timer = setTimeout(() => resolve('none'), quietMs);
      const wait = (f: Frame) => (match(f) ? (clearTimeout(timer), resolve(f)) : waiters.push(wait));
      waiters.push(wait);
      void closed.then(() => (clearTimeout(timer), resolve(frames.find(match) ?? 'none')));
    });
  const init = Promise.race([
    next((f) => f.type === 'connection_ack', 30_000).then((f) => (f === 'none' ? undefined : ({ ack: true } as const))),
    closed.then((c) => ({ ack: false as const, code: c.code, reason: c.reason })),
  ]).then((r) => r ?? { ack: false as const, code: 0, reason: 'no answer' });
  return {
    init,
    closed,
    subscribe(id, query, quietMs = 500, variables) {
      socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, ...(variables ? { variables } : {}) } }));
      return next((f) => f.id === id, quietMs);
    },
    subscribePayload(id, payload, quietMs = 500) {
      socket.send(JSON.stringify({ id, type: 'subscribe', payload }));
      return next((f) => f.id === id, quietMs);
    },
    frames: (id) => frames.filter((f) => f.id === id),
    close: () => socket.close(1000),
  };
}
