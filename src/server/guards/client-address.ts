import type http from 'node:http';
import { BlockList, isIP } from 'node:net';

/**
 * Who the client is, as far as the network says: the TCP peer's address — or, only when that peer is one
 * of the configured trusted proxies (`server.trustedProxies`), the right-most X-Forwarded-For entry that is
 * not itself a trusted proxy. With no trusted proxies (the default) X-Forwarded-For is ignored: anyone can
 * write that header, and believing it would let one client pose as many and escape per-address limits.
 * Express is given the same rule (`trust proxy`), so `req.ip` agrees with `clientAddress`.
 */
export class ClientAddresses {
  private readonly trusted = new BlockList();
  private readonly any: boolean;

  constructor(trustedProxies: readonly string[]) {
    for (const entry of trustedProxies) {
      const [address, bits] = entry.split('/');
      const type = isIP(address!) === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) this.trusted.addAddress(address!, type);
      else this.trusted.addSubnet(address!, Number(bits), type);
    }
    this.any = trustedProxies.length > 0;
  }

  /** For `app.set('trust proxy', …)`. */
  readonly isTrusted = (address: string): boolean => {
    if (!this.any) return false;
    const plain = unmapped(address);
    const type = isIP(plain);
    return type !== 0 && this.trusted.check(plain, type === 6 ? 'ipv6' : 'ipv4');
  };

  /** The client address of an HTTP request or WebSocket upgrade. */
  of(request: http.IncomingMessage): string {
    let address = unmapped(request.socket.remoteAddress ?? 'unknown');
    if (!this.isTrusted(address)) return address;
    const forwarded = String(request.headers['x-forwarded-for'] ?? '')
      .split(',')
      .map((s) => unmapped(s.trim()))
      .filter((s) => isIP(s) !== 0);
    while (forwarded.length > 0 && this.isTrusted(address)) address = forwarded.pop()!;
    return address;
  }
}

/** "::ffff:10.0.0.7" → "10.0.0.7": one client, one key. */
export function unmapped(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
