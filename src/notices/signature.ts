import { createHmac } from 'node:crypto';

/**
 * Webhook signatures, the Standard Webhooks scheme (https://www.standardwebhooks.com, spec 1.0):
 *   webhook-id         the delivery id (the same for every retry of one delivery)
 *   webhook-timestamp  Unix seconds of this attempt
 *   webhook-signature  `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`
 * Id, timestamp and body are signed together, so a receiver that checks the timestamp's age and dedupes
 * on the id cannot be fooled by a captured body replayed under a new id or a fresh timestamp.
 * The key: a secret written `whsec_<base64>` (the spec's serialization) is the bytes it decodes to, as
 * the Standard Webhooks libraries read it; any other secret is its UTF-8 bytes (the libraries' raw format).
 */
export const WEBHOOK_HEADERS = {
  id: 'webhook-id',
  timestamp: 'webhook-timestamp',
  signature: 'webhook-signature',
} as const;

export function webhookKey(secret: string): Buffer {
  const encoded = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(secret)?.[1];
  return encoded ? Buffer.from(encoded, 'base64') : Buffer.from(secret, 'utf8');
}

/** The `webhook-signature` header value for one attempt. */
export function signDelivery(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', webhookKey(secret)).update(`${id}.${timestamp}.${body}`, 'utf8').digest('base64');
  return `v1,${mac}`;
}

/** The three signed headers of one attempt. */
export function webhookHeaders(secret: string, id: string, timestamp: number, body: string): Record<string, string> {
  return {
    [WEBHOOK_HEADERS.id]: id,
    [WEBHOOK_HEADERS.timestamp]: String(timestamp),
    [WEBHOOK_HEADERS.signature]: signDelivery(secret, id, timestamp, body),
  };
}
