import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { logger } from '../logger';
import { observeSharedState } from '../observability/metrics';

/**
 * The state several hub replicas share through one Redis (`redis.url`): rate-limit counters, the result
 * cache's shared tier and the channels that push notices, governance changes and cache invalidations to
 * every replica. Redis is an accelerator, never a dependency: while it is down every command fails at
 * once (no offline queue), each part falls back to its local behaviour, /readyz and /metrics say so, and
 * the clients reconnect in the background (the subscriber re-subscribes by itself).
 */
export interface SharedState {
  /** Identifies this process on the channels (its own messages are not delivered back to it). */
  readonly replicaId: string;
  /** Redis answers now. */
  up(): boolean;
  /** Since when Redis has been up or down (ISO time). */
  since(): string;
  /** The command connection (undefined while down); callers catch its errors and fall back. */
  commands(): Redis | undefined;
  /** The command connection, up or not (for libraries that check its status themselves). */
  connection(): Redis;
  /** Namespaced key (`redis.keyPrefix` + key). */
  key(name: string): string;
  /** Fire and forget: sent when up, dropped (and counted in the log) when down. */
  publish(channel: string, payload: unknown): void;
  /** `handler` gets every payload another replica published on `channel`. */
  subscribe(channel: string, handler: (payload: unknown) => void): void;
  /** Called with true/false whenever Redis comes back or goes away. */
  onChange(listener: (up: boolean) => void): void;
  close(): Promise<void>;
}

export interface SharedStateSettings {
  url: string;
  keyPrefix: string;
  /** Longest wait for a command before it counts as failed (and the local fallback answers). */
  commandTimeoutMs: number;
}

interface Envelope {
  from: string;
  payload: unknown;
}

export class RedisSharedState implements SharedState {
  readonly replicaId = randomUUID();
  private readonly client: Redis;
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, Array<(payload: unknown) => void>>();
  private readonly listeners: Array<(up: boolean) => void> = [];
  private isUp = false;
  private changedAt = new Date().toISOString();

  constructor(private readonly settings: SharedStateSettings) {
    const options: RedisOptions = {
      // Fail fast while disconnected: the caller's fallback answers, the request is never held up.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: settings.commandTimeoutMs,
      connectTimeout: 2000,
      // Reconnect for ever, at most every 2 s: Redis coming back restores the shared behaviour without a restart.
      retryStrategy: (times) => Math.min(100 * times, 2000),
      lazyConnect: false,
    };
    this.client = new Redis(settings.url, { ...options, connectionName: 'indicator-hub' });
    // The subscriber queues its SUBSCRIBE commands until connected (and re-subscribes after a reconnect).
    this.subscriber = new Redis(settings.url, {
      ...options,
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      commandTimeout: undefined,
      connectionName: 'indicator-hub-sub',
    });
    this.client.on('ready', () => this.set(true));
    this.client.on('close', () => this.set(false));
    // ioredis emits 'error' on every failed reconnect; one warning per transition (in set) is enough.
    this.client.on('error', () => undefined);
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      this.deliver(channel.toString(), message),
    );
    observeSharedState(() => this.isUp);
  }

  up(): boolean {
    return this.isUp;
  }

  since(): string {
    return this.changedAt;
  }

  commands(): Redis | undefined {
    return this.isUp ? this.client : undefined;
  }

  connection(): Redis {
    return this.client;
  }

  key(name: string): string {
    return `${this.settings.keyPrefix}${name}`;
  }

  publish(channel: string, payload: unknown): void {
    if (!this.isUp) {
      logger.debug({ channel }, 'shared state down: message stays on this replica');
      return;
    }
    const envelope: Envelope = { from: this.replicaId, payload };
    this.client.publish(this.key(channel), JSON.stringify(envelope)).catch((error: unknown) => {
      logger.warn({ err: error, channel }, 'could not publish to the other replicas');
    });
  }

  subscribe(channel: string, handler: (payload: unknown) => void): void {
    const name = this.key(channel);
    const list = this.handlers.get(name) ?? [];
    list.push(handler);
    this.handlers.set(name, list);
    if (list.length === 1) {
      this.subscriber.subscribe(name).catch((error: unknown) => {
        logger.warn({ err: error, channel }, 'could not subscribe to a shared channel');
      });
    }
  }

  onChange(listener: (up: boolean) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    this.client.removeAllListeners('close');
    // QUIT where connected (at most 1 s), then drop the sockets and stop reconnecting.
    const quit = (c: Redis) =>
      c.status === 'ready'
        ? Promise.race([c.quit().catch(() => undefined), new Promise((r) => setTimeout(r, 1000).unref())])
        : Promise.resolve();
    await Promise.all([quit(this.subscriber), quit(this.client)]);
    this.client.disconnect();
    this.subscriber.disconnect();
  }

  private set(up: boolean): void {
    if (up === this.isUp) return;
    this.isUp = up;
    this.changedAt = new Date().toISOString();
    if (up) logger.info('shared state (Redis) up: rate limits, cache and notices shared across replicas');
    else
      logger.warn(
        'shared state (Redis) down: local rate limits, no shared cache, notices stay on this replica; reconnecting',
      );
    for (const listener of this.listeners) {
      try {
        listener(up);
      } catch (error) {
        logger.error({ err: error }, 'shared state listener failed');
      }
    }
  }

  private deliver(channel: string, message: Buffer): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message.toString('utf8')) as Envelope;
    } catch {
      logger.warn({ channel }, 'ignored a malformed message on a shared channel');
      return;
    }
    if (envelope.from === this.replicaId) return;
    for (const handler of this.handlers.get(channel) ?? []) {
      try {
        handler(envelope.payload);
      } catch (error) {
        logger.error({ err: error, channel }, 'shared channel handler failed');
      }
    }
  }
}
