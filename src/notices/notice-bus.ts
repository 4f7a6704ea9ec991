import { EventEmitter } from 'node:events';
import { GraphQLError } from 'graphql';
import type { Notice } from './types';

/**
 * In-process pub/sub for GraphQL subscriptions: `publish` fans a notice out to every subscriber whose
 * filter accepts it; each subscriber is an async iterator with a bounded queue. A subscriber that falls
 * `queueSize` notices behind gets what is queued, then an error (SUBSCRIBER_TOO_SLOW) — never silent loss,
 * never unbounded memory. One process only: with several hub processes, each pushes what it published
 * (the inbox and webhooks, in the store, see everything).
 */
export class NoticeBus {
  private readonly emitter = new EventEmitter();
  private readonly open = new Set<() => void>();

  constructor(private readonly queueSize: number) {
    this.emitter.setMaxListeners(0);
  }

  publish(notice: Notice): void {
    this.emitter.emit('notice', notice);
  }

  get subscribers(): number {
    return this.open.size;
  }

  subscribe(accept: (notice: Notice) => boolean): AsyncIterableIterator<Notice> {
    const queue: Notice[] = [];
    let waiting: ((r: IteratorResult<Notice>) => void) | undefined;
    let failure: Error | undefined;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      this.emitter.off('notice', listener);
      this.open.delete(finish);
      waiting?.({ value: undefined, done: true });
      waiting = undefined;
    };
    const listener = (notice: Notice) => {
      if (done || failure || !accept(notice)) return;
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve({ value: notice, done: false });
      } else if (queue.length >= this.queueSize) {
        // A waiter exists only while the queue is empty, so this one fails at its next read.
        failure = new GraphQLError(
          `Too slow: ${this.queueSize} notices were waiting for this subscriber. Subscribe again and read the rest in noticeInbox.`,
          {
            extensions: { code: 'SUBSCRIBER_TOO_SLOW' },
          },
        );
        this.emitter.off('notice', listener);
      } else {
        queue.push(notice);
      }
    };
    this.emitter.on('notice', listener);
    this.open.add(finish);
    const iterator: AsyncIterableIterator<Notice> = {
      next: () => {
        if (queue.length > 0) return Promise.resolve({ value: queue.shift()!, done: false });
        if (failure) {
          const error = failure;
          finish();
          return Promise.reject(error);
        }
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          waiting = resolve;
        });
      },
      return: () => {
        finish();
        return Promise.resolve({ value: undefined, done: true });
      },
      throw: (error?: unknown) => {
        finish();
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  /** Ends every subscriber (on shutdown). */
  close(): void {
    for (const finish of [...this.open]) finish();
  }
}
