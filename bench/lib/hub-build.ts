import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { transformSync } from 'esbuild';

/**
 * How the hub under test runs. By default the way production runs it (`npm run start:prod` = `node
 * dist/main.js`): the built JavaScript of `npm run build`, built once per bench run when `dist/` is
 * missing or older than a file under `src/` (or the build's own configuration). Its resident size is then
 * the hub's, without the TypeScript loader (tsx: esbuild transforms, source maps, a module cache of
 * transformed text). BENCH_HUB_RUNTIME=tsx runs `src/` under tsx instead (development, no build).
 */
export interface HubRuntime {
  kind: 'dist' | 'tsx';
  /** Node/V8 flags production starts the hub with (package.json's start:prod, e.g. its heap limit). */
  nodeFlags: string[];
  /** The rest of `node`'s arguments: the entry of the hub child process (after any flag). */
  entry: string[];
  /** Environment the child needs (where the hub's modules are). */
  env: Record<string, string>;
  /** One line for the results file's method: what ran and how it was built. */
  describe: string;
}

const REPO = path.join(__dirname, '..', '..');
const DIST = path.join(REPO, 'dist');
const ENTRY = path.join(__dirname, 'hub-process.ts');

let prepared: Promise<HubRuntime> | undefined;

/** The hub runtime of this bench process, built at most once (later calls share the first). */
export function hubRuntime(log: (line: string) => void = () => undefined): Promise<HubRuntime> {
  prepared ??= prepare(log);
  return prepared;
}

async function prepare(log: (line: string) => void): Promise<HubRuntime> {
  if (process.env.BENCH_HUB_RUNTIME === 'tsx')
    return {
      kind: 'tsx',
      nodeFlags: [],
      entry: ['--import', 'tsx', ENTRY],
      env: {},
      describe: 'the hub runs from src/ under tsx (BENCH_HUB_RUNTIME=tsx: TypeScript loader resident, not production)',
    };
  const stale = staleness();
  let built = 'dist/ up to date, not rebuilt';
  if (stale) {
    log(`building the hub (npm run build): ${stale}`);
    const t0 = performance.now();
    await run('npm', ['run', 'build']);
    built = `built by \`npm run build\` in ${Math.round((performance.now() - t0) / 1000)} s (${stale})`;
    log(`hub built in ${Math.round((performance.now() - t0) / 1000)} s`);
  }
  // The child's own harness (IPC, peak RSS sampling) as plain JavaScript: no TypeScript loader in the hub.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'indicator-hub-bench-child-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const entry = path.join(dir, 'hub-process.js');
  const { code } = transformSync(readFileSync(ENTRY, 'utf8'), {
    loader: 'ts',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
  });
  writeFileSync(entry, code);
  const script = (
    JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts['start:prod']!;
  const nodeFlags = productionFlags(script);
  return {
    kind: 'dist',
    nodeFlags,
    entry: [entry],
    env: { BENCH_HUB_ROOT: DIST },
    describe: `the hub runs as \`npm run start:prod\` runs it: \`node ${[...nodeFlags, ''].join(' ')}dist/main.js\`'s modules, ${built}`,
  };
}

/**
 * The node flags of the start:prod script (`exec node <flags> dist/main.js`), with `${VAR:-default}`
 * expanded from `env` as the shell would: the bench's hub gets the heap limit production gets.
 */
export function productionFlags(script: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const match = /\bnode\s+(.*?)\s*dist\/main\.js/.exec(script);
  if (!match) return [];
  return match[1]!
    .split(/\s+/)
    .filter(Boolean)
    .map((flag) => flag.replace(/\$\{(\w+):-([^}]*)\}/g, (_, name: string, fallback: string) => env[name] || fallback));
}

/** Why dist/ must be rebuilt, or undefined when it is newer than everything it is built from. */
export function staleness(repo = REPO): string | undefined {
  const dist = path.join(repo, 'dist');
  const main = path.join(dist, 'main.js');
  if (!existsSync(main)) return 'dist/main.js missing';
  if (!existsSync(path.join(dist, 'schema'))) return 'dist/schema missing';
  const builtAt = statSync(main).mtimeMs;
  const inputs = [
    path.join(repo, 'package.json'),
    path.join(repo, 'tsconfig.json'),
    path.join(repo, 'tsconfig.build.json'),
  ];
  const newer = [...inputs.filter(existsSync), ...filesUnder(path.join(repo, 'src'))].find(
    (f) => statSync(f).mtimeMs > builtAt,
  );
  return newer ? `${path.relative(repo, newer)} is newer than dist/main.js` : undefined;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm run build exited ${code}:\n${tail.trim()}`)),
    );
  });
}
