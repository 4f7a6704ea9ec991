import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { authHeaders, type As, type GraphQLResponse } from '../support/hub-client';

/** A hub as its own child process (`node --import tsx src/main.ts`, the same as `npm start`). */
export interface HubProcess {
  url: string;
  origin: string;
  child: ChildProcess;
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: As,
  ): Promise<GraphQLResponse<T>>;
  get(path: string): Promise<{ status: number; body: string }>;
  stop(): Promise<void>;
  output(): string;
}

const ROOT = join(__dirname, '..', '..');

export async function startHubProcess(configFile: string, name: string): Promise<HubProcess> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    HUB_CONFIG: configFile,
    PORT: '0',
    LOG_LEVEL: 'warn',
  };
  delete env.HUB_JWT_SECRET;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 180_000;
  let url: string | undefined;
  while (!url) {
    url = /ready: (http:\/\/\S+\/graphql)/.exec(out)?.[1];
    if (url) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const origin = url.replace(/\/graphql$/, '');
  return {
    url,
    origin,
    child,
    output: () => out,
    async query(query, variables, as = 'EMP-000001') {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-trace': '1', ...(await authHeaders(as)) },
        body: JSON.stringify({ query, variables }),
      });
      const raw = await res.text();
      return { status: res.status, raw, ...(JSON.parse(raw) as object) };
    },
    async get(path) {
      const res = await fetch(origin + path);
      return { status: res.status, body: await res.text() };
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
