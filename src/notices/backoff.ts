/**
 * Exponential backoff between webhook attempts: after attempt n (1-based) wait base × 2^(n-1), at most
 * `max`. No jitter: deliveries are already spread by their creation time, and tests can predict it.
 */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
