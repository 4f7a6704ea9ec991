import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { HubConfig } from '../../config/schema';
import type { SharedState } from '../../replicas/shared-state';
import type { RateStore } from '../rate-limit';
import type { Take } from './token-buckets';

/**
 * The per-principal rate limit counted across replicas (rate-limiter-flexible on Redis). Its window
 * model: `burst` requests per the time `perMinute` takes to refill a full bucket (burst × 60 / perMinute
 * seconds) — the same burst and the same long-run rate as the in-process token bucket. While Redis is
 * down the insurance limiter counts in this process (each replica enforces the limit for itself), and
 * the shared count resumes when Redis answers again.
 */
export class SharedRateStore implements RateStore {
  private readonly limiter: RateLimiterRedis;

  constructor(settings: HubConfig['limits']['rateLimit'], shared: SharedState) {
    const points = settings.burst;
    const duration = Math.max(1, Math.ceil((settings.burst * 60) / settings.perMinute));
    this.limiter = new RateLimiterRedis({
      // While Redis is down (not ready) the limiter does not wait for it: the insurance limiter answers.
      storeClient: shared.connection(),
      keyPrefix: shared.key('rate'),
      points,
      duration,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ points, duration, keyPrefix: 'rate-local' }),
    });
  }

  async take(principal: string): Promise<Take> {
    try {
      await this.limiter.consume(principal, 1);
      return { ok: true };
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes)
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(outcome.msBeforeNext / 1000)) };
      throw outcome;
    }
  }
}
