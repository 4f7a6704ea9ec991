import { badInput } from '../errors';

/**
 * The webhook allow-list (config `notices.webhooks.allowList`), deny by default: a URL is accepted only
 * when one entry matches its scheme, host (exactly, or any subdomain for `*.example.com`), port (`*` =
 * any) and path prefix. URLs with credentials are never accepted. Checked at registration and again
 * before every attempt, so removing an entry stops deliveries to it.
 */
interface Entry {
  pattern: string;
  scheme: string;
  host: string;
  anySubdomain: boolean;
  port: string;
  path: string;
}

export class WebhookAllowList {
  private readonly entries: Entry[];

  constructor(readonly patterns: readonly string[]) {
    this.entries = patterns.map(parseEntry);
  }

  /** Why `url` is refused, or null when an entry allows it. */
  refusal(url: string): string | null {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return `"${truncate(url)}" is not an absolute URL`;
    }
    if (parsed.username || parsed.password) return 'a webhook URL may not carry credentials (sign with the secret instead)';
    const port = parsed.port || (parsed.protocol === 'https:' ? '443' : parsed.protocol === 'http:' ? '80' : '');
    const host = parsed.hostname.toLowerCase();
    const allowed = this.entries.some(
      (e) =>
        parsed.protocol === `${e.scheme}:` &&
        (e.anySubdomain ? host.endsWith(`.${e.host}`) : host === e.host) &&
        (e.port === '*' || e.port === port) &&
        parsed.pathname.startsWith(e.path),
    );
    return allowed ? null : `${parsed.origin} is not on the webhook allow-list`;
  }

  /** Throws BAD_USER_INPUT naming the allow-list when `url` is refused. */
  check(url: string): void {
    const refusal = this.refusal(url);
    if (refusal === null) return;
    const list = this.patterns.length > 0 ? this.patterns.join(', ') : '(empty: webhooks are off)';
    throw badInput(`Webhook URL refused: ${refusal}. Allowed (config notices.webhooks.allowList): ${list}.`, {
      argument: 'webhookUrl',
      allowList: [...this.patterns],
    });
  }
}

function parseEntry(pattern: string): Entry {
  const match = /^(https?):\/\/(\*\.)?(.+):(\*|\d{1,5})(\/.*)?$/.exec(pattern);
  if (!match) throw new Error(`webhook allow-list entry "${pattern}" is not <http|https>://<host>:<port|*>[/path]`);
  return { pattern, scheme: match[1]!, anySubdomain: Boolean(match[2]), host: match[3]!.toLowerCase(), port: match[4]!, path: match[5] ?? '/' };
}

function truncate(s: string): string {
  return s.length > 100 ? `${s.slice(0, 100)}…` : s;
}
