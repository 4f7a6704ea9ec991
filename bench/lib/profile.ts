import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotFunction {
  function: string;
  location: string;
  selfMs: number;
  selfPercent: number;
}

/**
 * Top self-time functions of the .cpuprofile files in `dir` (V8's CPU profile format, as --cpu-prof
 * writes it), summed by function and location. Idle time is left out; percentages are of busy time.
 */
export function topSelfTime(dir: string, top = 15): { totalMs: number; functions: HotFunction[] } {
  const self = new Map<string, number>();
  let total = 0;
  const root = path.resolve(dir);
  for (const file of readdirSync(root).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(path.join(root, file), 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const inspector = profilerOwnNodes(profile);
    profile.samples.forEach((id, i) => {
      const node = byId.get(id)!;
      // The profiler's own work in the hub (its session serialising the profile at Profiler.stop, native
      // `dispatch`) is not the hub's: left out, like idle time.
      if (inspector.has(id)) return;
      const { functionName } = node.callFrame;
      const where = locationOf(node.callFrame);
      if (functionName === '(idle)') return;
      const key = `${functionName || '(anonymous)'}\t${where}`;
      const us = profile.timeDeltas[i] ?? 0;
      self.set(key, (self.get(key) ?? 0) + us);
      total += us;
    });
  }
  const functions = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, us]) => {
      const [fn, location] = key.split('\t') as [string, string];
      return {
        function: fn,
        location,
        selfMs: Math.round(us / 1000),
        selfPercent: Math.round((us / total) * 1000) / 10,
      };
    });
  return { totalMs: Math.round(total / 1000), functions };
}

const maps = new Map<string, SourceMap | null>();

/**
 * "file:line" relative to the working directory; a frame in the built hub (dist/*.js, as the bench runs it)
 * is named by its TypeScript source through the source map the build writes beside it (src/*.ts:line).
 */
function locationOf(frame: ProfileNode['callFrame']): string {
  const { url, lineNumber, columnNumber = 0 } = frame;
  if (!url) return '(native)';
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  let map = maps.get(file);
  if (map === undefined) {
    const mapFile = `${file}.map`;
    map = file.endsWith('.js') && existsSync(mapFile) ? sourceMapOf(mapFile) : null;
    maps.set(file, map);
  }
  const entry = map?.findEntry(lineNumber, columnNumber);
  if (entry && 'originalSource' in entry && entry.originalSource) {
    const source = entry.originalSource.startsWith('file://')
      ? fileURLToPath(entry.originalSource)
      : path.resolve(path.dirname(file), entry.originalSource);
    return `${path.relative(process.cwd(), source)}:${entry.originalLine + 1}`;
  }
  return `${file.replace(`${process.cwd()}/`, '')}:${lineNumber + 1}`;
}

function sourceMapOf(mapFile: string): SourceMap | null {
  try {
    return new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')) as ConstructorParameters<typeof SourceMap>[0]);
  } catch {
    return null;
  }
}

/** Ids of the nodes under a frame of node:inspector (the profiling session itself), children included. */
function profilerOwnNodes(profile: CpuProfile): Set<number> {
  const out = new Set<number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const mark = (id: number, under: boolean) => {
    const node = byId.get(id);
    if (!node) return;
    const inside = under || node.callFrame.url === 'node:inspector';
    if (inside) out.add(id);
    for (const child of node.children ?? []) mark(child, inside);
  };
  const children = new Set(profile.nodes.flatMap((n) => n.children ?? []));
  for (const n of profile.nodes) if (!children.has(n.id)) mark(n.id, false);
  return out;
}
