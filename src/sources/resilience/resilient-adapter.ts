import CircuitBreaker from 'opossum';
import { HubError } from '../../errors';
import { logger } from '../../logger';
import { sourceBreakerState } from '../../observability/metrics';
import type {
  AggregateQuery,
  CallContext,
  CountQuery,
  FetchQuery,
  KeyPairQuery,
  SourceAdapter,
  SourceHealth,
} from '../contract';
import { SourceError } from '../errors';

export interface ResilienceSettings {
  errorThresholdPercentage: number;
  volumeThreshold: number;
  resetTimeoutMs: number;
}

/**
 * Wraps any adapter with a circuit breaker (opossum) and one retry. A failing source degrades only its own
 * fields: after enough failures the breaker opens and calls fail at once (no pile-up of waiting
 * requests); after `resetTimeoutMs` one call probes, and success closes it again — recovery without a
 * restart. A transient connection error is retried once after a jittered pause; a timeout never is (the
 * statement may still be running). The breaker's state shows in /readyz and /metrics.
 */
export class ResilientAdapter implements SourceAdapter {
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;

  constructor(
    private readonly inner: SourceAdapter,
    settings: ResilienceSettings,
    private readonly pause: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.breaker = new CircuitBreaker((call: () => Promise<unknown>) => call(), {
      timeout: false,
      errorThresholdPercentage: settings.errorThresholdPercentage,
      volumeThreshold: settings.volumeThreshold,
      resetTimeout: settings.resetTimeoutMs,
    });
    const report = (state: 'closed' | 'open' | 'half-open', value: number) => () => {
      sourceBreakerState.set({ source: inner.name }, value);
      logger.warn({ source: inner.name, breaker: state }, 'source circuit breaker changed state');
    };
    this.breaker.on('open', report('open', 2));
    this.breaker.on('halfOpen', report('half-open', 1));
    this.breaker.on('close', report('closed', 0));
    sourceBreakerState.set({ source: inner.name }, 0);
  }

  get name() {
    return this.inner.name;
  }
  get catalog() {
    return this.inner.catalog;
  }

  get breakerState(): 'closed' | 'open' | 'half-open' {
    return this.breaker.opened ? 'open' : this.breaker.halfOpen ? 'half-open' : 'closed';
  }

  /** While the breaker is open the failing source is not probed at all: readiness answers at once. */
  async health(): Promise<SourceHealth> {
    if (this.breakerState === 'open')
      return { source: this.name, ok: false, latencyMs: 0, breaker: 'open', message: 'circuit open' };
    const health = await this.inner.health();
    return { ...health, breaker: this.breakerState };
  }

  fetch(query: FetchQuery, call: CallContext) {
    return this.guard(() => this.inner.fetch(query, call));
  }

  aggregate(query: AggregateQuery, call: CallContext) {
    return this.guard(() => this.inner.aggregate(query, call));
  }

  keyPairs(query: KeyPairQuery, call: CallContext) {
    return this.guard(() => this.inner.keyPairs(query, call));
  }

  count(query: CountQuery, call: CallContext) {
    return this.guard(() => this.inner.count(query, call));
  }

  close(): Promise<void> {
    this.breaker.shutdown();
    return this.inner.close();
  }

  private async guard<T>(run: () => Promise<T>): Promise<T> {
    const attempt = async (): Promise<T> => {
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof SourceError) || !error.retryable) throw error;
        await this.pause(50 + Math.random() * 150);
        return run();
      }
    };
    try {
      return (await this.breaker.fire(attempt)) as T;
    } catch (error) {
      if (error instanceof HubError) throw error;
      if ((error as { code?: string }).code === 'EOPENBREAKER') {
        throw new HubError(
          'SOURCE_UNAVAILABLE',
          `Source "${this.name}" is failing and temporarily not asked (circuit open); fields from other sources are unaffected.`,
          {
            source: this.name,
            breaker: 'open',
          },
        );
      }
      throw error;
    }
  }
}
