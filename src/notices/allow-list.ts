import { HubError } from '../errors';
import { HubAddresses } from './hub-address';

/**
 * The webhook allow-list (config `notices.webhooks.allowList`), deny by default: empty by default, so
 * webhooks are off until an operator names receivers; a URL is accepted only when one entry matches its
 * scheme, host (exactly, or any subdomain for `*.example.com`), port (`*` = any) and path prefix. URLs
 * with credentials are never accepted, nor — whatever the entries say — the hub's own listening address
 * (src/notices/hub-address.ts). Checked at registration and again before every attempt, so removing an
 * entry stops deliveries to it.
 */
interface Entry {
  pattern: string;
  scheme: string;
  host: string;
  anySubdomain: boolean;
  port: string;
  path: string;
}

/** Why a URL is refused: the list is empty, the URL is the hub's own address, or no entry allows it. */
export type RefusalReason = 'WEBHOOKS_DISABLED' | 'WEBHOOK_TARGETS_HUB' | 'WEBHOOK_URL_NOT_ALLOWED';

export const ALLOW_LIST_KEY = 'notices.webhooks.allowList';

export class WebhookAllowList {
  private readonly entries: Entry[];

  constructor(
    readonly patterns: readonly string[],
    /** The hub's own listening addresses (src/server/app.ts adds the bound port). */
    readonly hub: HubAddresses = new HubAddresses(),
    /** Config `notices.webhooks.internalPortWildcards`: whether a wildcard entry may lead to internal addresses. */
    readonly internalPortWildcards = false,
  ) {
    this.entries = patterns.map(parseEntry);
  }

  /** Why `url` is refused, or null when an entry allows it. */
  refusal(url: string): string | null {
    return this.judge(url)?.message ?? null;
  }

  /** The refusal with its reason code, or null when `url` may receive webhooks. */
  judge(url: string): { reason: RefusalReason; message: string } | null {
    if (this.entries.length === 0)
      return {
        reason: 'WEBHOOKS_DISABLED',
        message: `webhooks are off: the operators have named no receiver in ${ALLOW_LIST_KEY}`,
      };
    const listed = this.listed(url);
    if (listed !== null) return { reason: 'WEBHOOK_URL_NOT_ALLOWED', message: listed };
    if (this.hub.targets(url))
      return {
        reason: 'WEBHOOK_TARGETS_HUB',
        message: `${new URL(url).origin} is the hub's own listening address, which webhooks may never target`,
      };
    return null;
  }

  /** Whether the entries allowing `url` all do so through a port wildcard (none lists its port). */
  allowedOnlyByPortWildcard(url: string): boolean {
    const matching = this.matching(url);
    return matching.length > 0 && matching.every((e) => e.port === '*');
  }

  private matching(url: string): Entry[] {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return [];
    }
    const port = parsed.port || (parsed.protocol === 'https:' ? '443' : parsed.protocol === 'http:' ? '80' : '');
    const host = parsed.hostname.toLowerCase();
    return this.entries.filter(
      (e) =>
        parsed.protocol === `${e.scheme}:` &&
        (e.anySubdomain ? host.endsWith(`.${e.host}`) : host === e.host) &&
        (e.port === '*' || e.port === port) &&
        parsed.pathname.startsWith(e.path),
    );
  }

  /** Why no entry allows `url`, or null when one does. */
  private listed(url: string): string | null {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return `"${truncate(url)}" is not an absolute URL`;
    }
    if (parsed.username || parsed.password)
      return 'a webhook URL may not carry credentials (sign with the secret instead)';
    const allowed = this.matching(url).length > 0;
    return allowed ? null : `${parsed.origin} is not on the webhook allow-list`;
  }

  /**
   * Throws when `url` is refused: FORBIDDEN (WEBHOOKS_DISABLED) while the list is empty, FORBIDDEN
   * (WEBHOOK_TARGETS_HUB) for the hub's own address, BAD_USER_INPUT (WEBHOOK_URL_NOT_ALLOWED) naming the
   * list otherwise.
   */
  check(url: string): void {
    const refusal = this.judge(url);
    if (refusal === null) return;
    const extensions = { argument: 'webhookUrl', reason: refusal.reason, configKey: ALLOW_LIST_KEY };
    switch (refusal.reason) {
      case 'WEBHOOKS_DISABLED':
        throw new HubError(
          'FORBIDDEN',
          `Webhooks are off on this hub: its configuration names no receiver in ${ALLOW_LIST_KEY} (empty by default). Ask its operators to add your receiver's <scheme>://<host>:<port>[/path], or register without webhookUrl and read the inbox (noticeInbox) or the live subscription.`,
          extensions,
        );
      case 'WEBHOOK_TARGETS_HUB':
        throw new HubError(
          'FORBIDDEN',
          `Webhook URL refused: ${refusal.message}, even when ${ALLOW_LIST_KEY} would match it.`,
          extensions,
        );
      default:
        throw new HubError(
          'BAD_USER_INPUT',
          `Webhook URL refused: ${refusal.message}. Allowed (config ${ALLOW_LIST_KEY}): ${this.patterns.join(', ')}.`,
          {
            ...extensions,
            allowList: [...this.patterns],
          },
        );
    }
  }
}

function parseEntry(pattern: string): Entry {
  const match = /^(https?):\/\/(\*\.)?(.+):(\*|\d{1,5})(\/.*)?$/.exec(pattern);
  if (!match) throw new Error(`webhook allow-list entry "${pattern}" is not <http|https>://<host>:<port|*>[/path]`);
  return {
    pattern,
    scheme: match[1]!,
    anySubdomain: Boolean(match[2]),
    host: match[3]!.toLowerCase(),
    port: match[4]!,
    path: match[5] ?? '/',
  };
}

function truncate(s: string): string {
  return s.length > 100 ? `${s.slice(0, 100)}…` : s;
}
