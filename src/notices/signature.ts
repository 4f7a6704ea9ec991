import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures, GitHub's scheme: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, raw body)>`.
 * A receiver recomputes it over the exact bytes it received and compares in constant time; the body
 * carries `at` and the request `X-Hub-Timestamp`, so a receiver can refuse old replays.
 */
export const SIGNATURE_HEADER = 'x-hub-signature-256';

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export function verifySignature(secret: string, body: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
