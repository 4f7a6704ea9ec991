import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { hostname as machineName, networkInterfaces } from 'node:os';

/**
 * The hub's own listening address, which no webhook may target whatever the allow-list says: a notice
 * would otherwise make the hub POST to itself (its /metrics, its /graphql) and show the status code to
 * whoever registered the URL. A URL targets the hub when its port is one the hub listens on and its host
 * is this machine under any spelling: a loopback address (127.0.0.0/8, ::1, IPv4-mapped forms), the
 * unspecified address (0.0.0.0, ::), an address of one of the machine's interfaces, `localhost` or a
 * `*.localhost` name, the machine's name, or the configured listen host. Decimal, hex and octal IPv4
 * spellings (http://2130706433/, http://0x7f000001/, http://127.1/) reach this check already normalised
 * by the WHATWG URL parser. Before each attempt, `resolvesToHub` also resolves the name, so a DNS name
 * that points back at this machine is refused too.
 */
export class HubAddresses {
  private readonly ports = new Set<string>();
  private readonly names = new Set<string>(['localhost', machineName().toLowerCase()]);

  /** Records an address the hub listens on (the configured one, then the one actually bound). */
  add(host: string, port: number): void {
    if (port > 0) this.ports.add(String(port));
    const name = bare(host);
    if (name && isIP(name) === 0) this.names.add(name);
  }

  /** Whether the hub listens on `port` (a URL's explicit or default port). */
  listensOn(port: string): boolean {
    return this.ports.has(port);
  }

  /** Whether `url` (absolute) names the hub's own host and port. Unparsable URLs are not the hub's (the allow-list refuses them). */
  targets(url: string): boolean {
    const target = targetOf(url);
    return target !== null && this.ports.has(target.port) && this.isLocalName(target.host);
  }

  /** targets(), then the host's DNS addresses: any of them local, on a hub port → true. Lookup failures are not the hub (the attempt fails on its own). */
  async resolvesToHub(url: string): Promise<boolean> {
    if (this.targets(url)) return true;
    const target = targetOf(url);
    if (target === null || !this.ports.has(target.port) || isIP(target.host) !== 0) return false;
    try {
      const addresses = await lookup(target.host, { all: true, verbatim: true });
      return addresses.some((a) => isLocalAddress(a.address));
    } catch {
      return false;
    }
  }

  private isLocalName(host: string): boolean {
    if (isIP(host) !== 0) return isLocalAddress(host);
    return this.names.has(host) || host.endsWith('.localhost');
  }
}

function targetOf(url: string): { host: string; port: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : parsed.protocol === 'http:' ? '80' : '');
  return { host: bare(parsed.hostname), port };
}

/** Lower case, without IPv6 brackets or a trailing root dot (`localhost.`). */
function bare(host: string): string {
  return host
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

const SPECIAL = new BlockList();
SPECIAL.addSubnet('127.0.0.0', 8, 'ipv4');
SPECIAL.addSubnet('0.0.0.0', 8, 'ipv4');
SPECIAL.addAddress('::1', 'ipv6');
SPECIAL.addAddress('::', 'ipv6');

/** Loopback, unspecified, or an address of one of this machine's interfaces (IPv4-mapped IPv6 included). */
export function isLocalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (SPECIAL.check(address, type)) return true;
  const own = new BlockList();
  for (const list of Object.values(networkInterfaces())) {
    for (const i of list ?? []) own.addAddress(i.address.replace(/%.*$/, ''), i.family === 'IPv4' ? 'ipv4' : 'ipv6');
  }
  return own.check(address.replace(/%.*$/, ''), type);
}
