import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { copyEmbeddedTemplate, TEST_JWT_SECRET } from '../support/engines';
import { EXECUTIVE, tokenFor } from '../support/hub-client';

/** The real `npm start` entry point as a child process: start-up, serving, graceful stop, bad config. */
const ROOT = join(__dirname, '..', '..');

function startHub(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', PORT: '0', HUB_JWT_SECRET: TEST_JWT_SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = async (timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const match = /ready: (http:\/\/\S+\/graphql)/.exec(stdout);
      if (match) return match[1]!;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`hub did not start: ${stdout}\n${stderr}`);
  };
  return { child, exited, ready, output: () => ({ stdout, stderr }) };
}

test('starts on the embedded data directory, serves, and exits 0 on SIGTERM after draining', async () => {
  const dataDir = copyEmbeddedTemplate();
  try {
    const hub = startHub({ HUB_DATA_DIR: dataDir });
    const url = await hub.ready(60_000);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(EXECUTIVE)}` },
      body: JSON.stringify({ query: '{ departments(limit: 2) { id name } }' }),
    });
    expect(((await res.json()) as { data: { departments: unknown[] } }).data.departments).toHaveLength(2);
    const stoppedAt = Date.now();
    hub.child.kill('SIGTERM');
    expect(await hub.exited).toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
  } finally {
    rmSync(dirname(dataDir), { recursive: true, force: true });
  }
});

test('a bad configuration stops start-up with a message naming the key', async () => {
  const hub = startHub({ HUB_SOURCE_CRM_ENGINE: 'postgres', HUB_DATA_DIR: ':memory:' });
  expect(await hub.exited).toBe(1);
  expect(hub.output().stderr).toContain('sources.crm.url: a url is required when engine is "postgres" or "mysql"');
});
