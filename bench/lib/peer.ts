import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BenchDatabases } from './seed';
import { LAYOUT, pgSourcesUrl } from './seed';

/** The interface bench/peers/mesh/index.ts exports (built separately; picked up when present). */
export interface PeerSources {
  crm: string;
  erp: string;
  hr: string;
  procurement: string;
}
export interface RunningPeer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}
export type PeerWorkload = { query: string; variables?: Record<string, unknown> } | { unsupported: string };
interface PeerModule {
  startMeshPeer(sources: PeerSources, opts?: { log?: (line: string) => void }): Promise<RunningPeer>;
  meshWorkloads: Record<string, PeerWorkload>;
}

export const PEER_ENTRY = path.join(__dirname, '..', 'peers', 'mesh', 'index.ts');

/** The Mesh peer module, or why it is not available. */
export async function loadMeshPeer(): Promise<PeerModule | { unavailable: string }> {
  if (!existsSync(PEER_ENTRY)) return { unavailable: `${path.relative(process.cwd(), PEER_ENTRY)} does not exist yet` };
  try {
    const specifier: string = PEER_ENTRY;
    const mod = (await import(specifier)) as Partial<PeerModule> & { default?: Partial<PeerModule> };
    const peer = typeof mod.startMeshPeer === 'function' ? mod : mod.default;
    if (typeof peer?.startMeshPeer !== 'function' || typeof peer.meshWorkloads !== 'object') {
      return { unavailable: 'bench/peers/mesh/index.ts does not export startMeshPeer and meshWorkloads' };
    }
    return peer as PeerModule;
  } catch (error) {
    return {
      unavailable: `bench/peers/mesh/index.ts failed to load: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/**
 * Connection URLs per source in the hub's MIXED layout. PostgreSQL sources share the database
 * hub_sources, one schema each: the URL names it in libpq's `options=-c search_path=<schema>` (and as
 * `schema=`); MariaDB sources are one database each, named in the URL's path.
 */
export function peerSources(db: BenchDatabases): PeerSources {
  const url = (source: keyof PeerSources) => {
    if (LAYOUT[source] === 'postgres') {
      const u = new URL(pgSourcesUrl(db));
      u.searchParams.set('options', `-c search_path=${source}`);
      u.searchParams.set('schema', source);
      return u.toString();
    }
    const u = new URL(db.mysqlUrl);
    u.pathname = `/${source}`;
    return u.toString();
  };
  return { crm: url('crm'), erp: url('erp'), hr: url('hr'), procurement: url('procurement') };
}

/** Resident set of a process (MB), from /proc; undefined when it is gone. */
export function rssOfPid(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS every 50 ms until stopped; returns the peak (MB). */
export function sampleRss(pid: number): { stop(): number | undefined } {
  let peak: number | undefined;
  const timer = setInterval(() => {
    const rss = rssOfPid(pid);
    if (rss !== undefined) peak = Math.max(peak ?? 0, rss);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
