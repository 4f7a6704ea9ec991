import { badInput } from '../errors';
import type { WebhookAllowList } from './allow-list';
import { webhookKey } from './signature';

/** What registerNoticeSubscription asks for, once checked: codes (null = all), webhook URL and secret. */
export interface Interest {
  codes: string[] | null;
  webhookUrl: string | null;
  secret: string | null;
}

const CODE = /^[a-z][a-z0-9_]*$/;
export const MAX_CODES = 200;
/** The Standard Webhooks minimum for a signing key: 24 bytes (192 bits). */
export const MIN_SECRET_CHARS = 24;
const MAX_SECRET_CHARS = 256;
const MAX_URL_CHARS = 2000;

/**
 * Checks registered interest before it is stored: codes are snake_case indicator codes (omit them for
 * every code; they need not be published yet — a dashboard may wait for a proposed indicator); a webhook
 * URL must be on the allow-list and comes with the caller's signing secret (a key of at least 24 bytes:
 * 24 characters, or `whsec_<base64>` decoding to 24 bytes); a secret without a URL is refused. Refusals are
 * BAD_USER_INPUT naming the argument (the allow-list's own refusals: src/notices/allow-list.ts).
 */
export function checkInterest(
  input: { codes?: readonly string[] | null; webhookUrl?: string | null; secret?: string | null },
  allowList: WebhookAllowList,
): Interest {
  let codes: string[] | null = null;
  if (input.codes !== null && input.codes !== undefined) {
    if (input.codes.length === 0)
      throw badInput('codes is empty: name at least one indicator code, or omit codes to hear of every indicator.', {
        argument: 'codes',
      });
    if (input.codes.length > MAX_CODES)
      throw badInput(`codes names ${input.codes.length} indicators; at most ${MAX_CODES}, or omit codes for all.`, {
        argument: 'codes',
      });
    const bad = input.codes.filter((c) => !CODE.test(c) || c.length > 64);
    if (bad.length > 0)
      throw badInput(
        `Not indicator codes: ${bad
          .slice(0, 5)
          .map((c) => JSON.stringify(c.slice(0, 70)))
          .join(', ')} (expected snake_case, e.g. gross_margin).`,
        { argument: 'codes' },
      );
    codes = [...new Set(input.codes)].sort();
  }
  const webhookUrl = input.webhookUrl ?? null;
  const secret = input.secret ?? null;
  if (webhookUrl === null) {
    if (secret !== null)
      throw badInput('secret is only for webhooks: give webhookUrl too, or leave secret out.', { argument: 'secret' });
    return { codes, webhookUrl: null, secret: null };
  }
  if (webhookUrl.length > MAX_URL_CHARS)
    throw badInput(`webhookUrl is longer than ${MAX_URL_CHARS} characters.`, { argument: 'webhookUrl' });
  allowList.check(webhookUrl);
  if (secret === null || secret.length > MAX_SECRET_CHARS || webhookKey(secret).length < MIN_SECRET_CHARS) {
    throw badInput(
      `A webhook needs a secret of ${MIN_SECRET_CHARS} to ${MAX_SECRET_CHARS} characters (or whsec_<base64> of at least ${MIN_SECRET_CHARS} bytes): the hub signs every delivery with it (Standard Webhooks, webhook-signature) and never shows it again.`,
      {
        argument: 'secret',
      },
    );
  }
  return { codes, webhookUrl, secret };
}
