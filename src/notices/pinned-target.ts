import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isInternalHost } from '../config/schema';
import type { WebhookAllowList } from './allow-list';
import { isLocalAddress } from './hub-address';

/** How a host name becomes addresses (injectable: tests answer differently on each call, as a rebinding DNS would). */
export type Resolve = (host: string) => Promise<Array<{ address: string; family: number }>>;

/** The system resolver (getaddrinfo), every address in the order it gives them. */
export const systemResolve: Resolve = async (host) => lookup(host, { all: true, verbatim: true });

/** The address a delivery goes to: the one that passed the checks, never looked up again. */
export interface PinnedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

export type Pinning =
  | { kind: 'pinned'; target: PinnedTarget }
  /** Never sent: the URL or an address it resolves to is refused. */
  | { kind: 'refused'; reason: string }
  /** The name did not resolve (a failed attempt, retried like a connection failure). */
  | { kind: 'unresolved'; error: string };

/**
 * Resolves a webhook URL's host once and checks every address it gives against the rules, so that the
 * connection goes to exactly the address that was checked (DNS rebinding: a name answering a public
 * address at the check and 127.0.0.1 at the connection reaches nothing). The rules, beyond the allow-list
 * (which matches the URL as written):
 * - no address may be the hub's own on a port it listens on (src/notices/hub-address.ts);
 * - a DNS name (anything but an IP literal, `localhost` or `*.localhost`) may not resolve to a loopback,
 *   unspecified or link-local address (127/8, 0/8, ::1, ::, 169.254/16 with the cloud metadata address,
 *   fe80::/10): that is what a rebinding name answers, and no receiver is reached that way;
 * - when the URL is allowed only through a port wildcard (`:*`), no address may be loopback, private or
 *   link-local unless `internalPortWildcards` is set — the rule the configuration applies to wildcard
 *   entries that name such hosts, applied to what a name resolves to.
 * Every address must pass, not just the first: the one delivered to is the first of them.
 */
export async function pinTarget(url: string, allowList: WebhookAllowList, resolve: Resolve): Promise<Pinning> {
  const refusal = allowList.refusal(url);
  if (refusal !== null) return { kind: 'refused', reason: refusal };
  const parsed = new URL(url);
  const host = parsed.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const literal = isIP(host);
  let addresses: Array<{ address: string; family: number }>;
  if (literal !== 0) addresses = [{ address: host, family: literal }];
  else {
    try {
      addresses = await resolve(host);
    } catch (thrown) {
      const e = thrown as { code?: string; message?: string };
      return { kind: 'unresolved', error: `DNS lookup of ${host} failed: ${e?.code ?? e?.message ?? String(thrown)}` };
    }
    if (addresses.length === 0) return { kind: 'unresolved', error: `DNS lookup of ${host} gave no address` };
  }
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  const localName = host === 'localhost' || host.endsWith('.localhost');
  const wildcardOnly = allowList.allowedOnlyByPortWildcard(url);
  for (const { address } of addresses) {
    const a = address.replace(/%.*$/, '');
    if (allowList.hub.listensOn(port) && isLocalAddress(a))
      return {
        kind: 'refused',
        reason: `${parsed.origin} resolves to the hub's own listening address, which webhooks may never target`,
      };
    if (literal === 0 && !localName && isLoopbackOrLinkLocal(a))
      return {
        kind: 'refused',
        reason: `${parsed.origin} resolves to ${a}, a loopback or link-local address, which a DNS name may not lead webhooks to`,
      };
    if (wildcardOnly && !allowList.internalPortWildcards && isInternalHost(a))
      return {
        kind: 'refused',
        reason: `${parsed.origin} resolves to the internal address ${a} and is allowed only by a port wildcard; list the receiver's port`,
      };
  }
  const first = addresses[0]!;
  return {
    kind: 'pinned',
    target: { url: parsed, address: first.address.replace(/%.*$/, ''), family: first.family === 6 ? 6 : 4 },
  };
}

/** 127/8, 0/8, 169.254/16, ::1, ::, fe80::/10, and their IPv4-mapped forms. */
function isLoopbackOrLinkLocal(address: string): boolean {
  const a = address.toLowerCase();
  if (a.startsWith('::ffff:') && isIP(a.slice(7)) === 4) return isLoopbackOrLinkLocal(a.slice(7));
  if (isIP(a) === 4) {
    const [x, y] = a.split('.').map(Number);
    return x === 127 || x === 0 || (x === 169 && y === 254);
  }
  return a === '::1' || a === '::' || /^fe[89ab]/.test(a);
}
