import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A webhook receiver's check, written from the Standard Webhooks spec (1.0, "Verifying webhook
 * authenticity") and the README's "Notices" section — deliberately not from the hub's signer, so a test
 * using it is an independent oracle of what the hub sends:
 *   1. webhook-id, webhook-timestamp and webhook-signature must all be present;
 *   2. the timestamp (Unix seconds) within `toleranceSeconds` of the receiver's clock, either way;
 *   3. one of the space-separated `v1,<base64>` signatures equals base64 HMAC-SHA256(key,
 *      "<id>.<timestamp>.<raw body>"), compared in constant time (key: `whsec_<base64>` decoded, else
 *      the secret's UTF-8 bytes);
 *   4. an id already accepted within the window is a replay (the spec: "use webhook-id as an
 *      idempotency key").
 */
export type Verdict = 'accepted' | 'missing headers' | 'stale timestamp' | 'bad signature' | 'replayed id';

export class StandardWebhookReceiver {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly secret: string,
    private readonly toleranceSeconds = 300,
    private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  verify(headers: Record<string, string | string[] | undefined>, body: string): Verdict {
    const one = (name: string) => {
      const v = headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const id = one('webhook-id');
    const timestamp = one('webhook-timestamp');
    const signatures = one('webhook-signature');
    if (!id || !timestamp || !signatures) return 'missing headers';
    const now = this.nowSeconds();
    if (!/^\d+$/.test(timestamp) || Math.abs(now - Number(timestamp)) > this.toleranceSeconds) return 'stale timestamp';
    const key = this.secret.startsWith('whsec_')
      ? Buffer.from(this.secret.slice(6), 'base64')
      : Buffer.from(this.secret, 'utf8');
    const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
    const matches = signatures.split(' ').some((entry) => {
      const [version, encoded] = entry.split(',', 2);
      if (version !== 'v1' || !encoded) return false;
      const given = Buffer.from(encoded, 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (!matches) return 'bad signature';
    for (const [seenId, at] of this.seen) if (now - at > this.toleranceSeconds) this.seen.delete(seenId);
    if (this.seen.has(id)) return 'replayed id';
    this.seen.set(id, now);
    return 'accepted';
  }
}
