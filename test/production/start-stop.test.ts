import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { demoToken } from '../../src/cli/demo-tokens';
import { DEMO_SERVICE_KEY } from '../../src/auth/demo-credentials';
import { copyEmbeddedTemplate } from '../support/engines';
import { EXECUTIVE } from '../support/hub-client';

/**
 * `npm start` and `npm run start:prod` as an operator runs them: the signal goes to the npm process, and
 * the hub behind it must stop and free its port. On the embedded default the demo starts without any
 * configured secret, with the demo users and the demo key; a deployment without a secret is refused.
 */
const ROOT = join(__dirname, '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface Started {
  npm: ChildProcess;
  url: string;
  exited: Promise<number | null>;
  output(): string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function npmRun(script: string[], env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const npm = spawn(NPM, script, {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  npm.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  npm.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  for (;;) {
    const match = /ready: (http:\/\/\S+\/graphql)/.exec(out);
    if (match) return { npm, url: match[1]!, exited, output: () => out };
    if (npm.exitCode !== null || Date.now() > deadline) throw new Error(`hub did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function portAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function ask(url: string, headers: Record<string, string>, query: string): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return res.json();
}

/** Starts the script on a copy of the seeded demo, checks it serves, signals npm, checks the port is freed. */
async function startAndStop(script: string[], signal: NodeJS.Signals): Promise<void> {
  const dataDir = copyEmbeddedTemplate();
  try {
    // The embedded default: no HUB_JWT_SECRET — the demo secret is created next to the data directory.
    const env: Record<string, string> = { HUB_DATA_DIR: dataDir };
    delete process.env.HUB_JWT_SECRET;
    const hub = await npmRun(script, env);
    const secretFile = join(dirname(dataDir), 'jwt-secret');
    expect(existsSync(secretFile)).toBe(true);
    const token = await demoToken(
      EXECUTIVE,
      readFileSync(secretFile, 'utf8').trim(),
      'indicator-hub-demo',
      'indicator-hub',
    );
    const byToken = (await ask(hub.url, { authorization: `Bearer ${token}` }, '{ me { principal } }')) as {
      data: { me: { principal: string } };
    };
    expect(byToken.data.me.principal).toBe(EXECUTIVE);
    const byKey = (await ask(hub.url, { 'x-api-key': DEMO_SERVICE_KEY }, '{ me { roles } }')) as {
      data: { me: { roles: string[] } };
    };
    expect(byKey.data.me.roles).toContain('dashboard_service');

    const stoppedAt = Date.now();
    hub.npm.kill(signal);
    const code = await hub.exited;
    // npm reports the child's signal exit as 1 or its own signal; what matters is that the hub is gone.
    expect(code === 0 || code === null || code === 1).toBe(true);
    expect(Date.now() - stoppedAt).toBeLessThan(20_000);
    expect(await portAnswers(hub.url)).toBe(false);
    expect(hub.output()).not.toMatch(/shutdown took longer|shutdown step failed/);
  } finally {
    rmSync(dirname(dataDir), { recursive: true, force: true });
  }
}

test('npm start: SIGTERM to the npm process stops the hub and frees its port', async () => {
  await startAndStop(['start'], 'SIGTERM');
});

test('npm start: SIGINT to the npm process stops the hub and frees its port', async () => {
  await startAndStop(['start'], 'SIGINT');
});

test('npm run build, then npm run start:prod (plain node on dist/): SIGTERM to npm stops it', async () => {
  await promisify(execFile)(NPM, ['run', 'build'], { cwd: ROOT, timeout: 240_000 });
  expect(existsSync(join(ROOT, 'dist', 'main.js'))).toBe(true);
  expect(existsSync(join(ROOT, 'dist', 'schema', 'query.graphql'))).toBe(true);
  await startAndStop(['run', 'start:prod'], 'SIGTERM');
}, 300_000);

test('outside the embedded demo: no secret, the demo key and demo principals refuse the start', async () => {
  const env = { ...process.env, LOG_LEVEL: 'warn', PORT: '0' } as Record<string, string>;
  delete env.HUB_JWT_SECRET;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    // Nothing is reachable there: the refusal comes before any connection is opened.
    env: { ...env, HUB_STORE_ENGINE: 'postgres', HUB_STORE_URL: 'postgres://hub:x@127.0.0.1:1/hub' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect(code).toBe(1);
  expect(stderr).toContain('Refusing to start outside demo mode');
  expect(stderr).toContain('auth.jwt.secret: not set');
  expect(stderr).toContain('apiKeys.bi-dashboard is the demo service key');
  expect(stderr).toContain('demo-users.yaml: the model declares demo principals');
});
