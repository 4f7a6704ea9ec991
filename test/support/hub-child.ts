import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface HubChildProcess {
  child: ChildProcess;
  /** The GraphQL URL once the hub prints that it is ready; rejects if it exits first. */
  ready: Promise<string>;
  /** Everything the hub wrote so far (stdout and stderr). */
  output: () => string;
}

/**
 * `src/main.ts` as a child process with a bounded heap, configured by `configFile` (HUB_CONFIG) on a free
 * port: for tests that must see the hub survive (or not) what a request does to its memory.
 */
export function startHubChild(configFile: string, heapMb: number): HubChildProcess {
  const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, '--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', PORT: '0', HUB_CONFIG: configFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /ready: (http:\/\/\S+\/graphql)/.exec(out);
      if (match) {
        clearInterval(timer);
        resolve(match[1]!);
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`hub exited before it was ready: ${out}`));
      }
    }, 100);
  });
  return { child, ready, output: () => out };
}
