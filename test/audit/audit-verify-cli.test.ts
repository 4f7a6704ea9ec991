import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AuditLog } from '../../src/audit/audit-log';
import type { AuditEntry } from '../../src/audit/record';
import { EmbeddedEngine } from '../../src/db/embedded';
import { openConnection } from '../../src/db/open';
import { copyEmbeddedTemplate, pgSourcesUrl } from '../support/engines';

/** `npm run audit:verify` (src/cli/audit-verify.ts) as a child process, configured by a HUB_CONFIG file. */
const ROOT = join(__dirname, '..', '..');

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'audit-verify-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function runCli(config: object, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const file = join(tmp, `hub-${randomBytes(4).toString('hex')}.json`);
  writeFileSync(file, JSON.stringify(config)); // YAML is a superset of JSON
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/audit-verify.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, HUB_CONFIG: file },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

const entry = (i: number): AuditEntry => ({
  at: new Date(Date.UTC(2025, 10, 3, 8, 0, i)).toISOString(),
  requestId: `req-${i}`,
  principal: 'EMP-000001',
  roles: ['analyst'],
  scope: 'all',
  operationName: null,
  documentHash: null,
  variables: null,
  fieldsRequested: ['Query.departments'],
  denied: [],
  masked: [],
  indicators: [],
  statements: [],
  rows: 0,
  outcome: 'ok',
  errorCodes: [],
  latencyMs: 1,
  ip: null,
  reason: null,
});

describe('on PostgreSQL', () => {
  const schema = `audit_test_${randomBytes(4).toString('hex')}`;
  const conn = openConnection(
    { engine: 'postgres', url: pgSourcesUrl(), schema, pool: { min: 0, max: 2 }, acquireTimeoutMs: 30_000 },
    schema,
  );
  const config = () => ({ store: { engine: 'postgres', url: pgSourcesUrl(), schema } });
  afterAll(async () => {
    await conn.knex.raw('drop schema if exists ?? cascade', [schema]);
    await conn.close();
  });

  test('no audit log yet → exit 2', async () => {
    const { code, stderr } = await runCli(config());
    expect(stderr).toContain(`table ${schema}.audit_log does not exist`);
    expect(code).toBe(2);
  });

  test('intact → exit 0 with the count and head; tampered → exit 1 with the first broken seq', async () => {
    const log = new AuditLog(conn);
    await log.migrate();
    for (let i = 1; i <= 5; i += 1) await log.append(entry(i));
    const head = (await log.verify()).head!;

    const intact = await runCli(config());
    expect(intact).toEqual({ code: 0, stdout: `audit chain intact: 5 records\nhead: 5:${head.hash}\n`, stderr: '' });

    await conn.knex.raw('update ??.audit_log set outcome = ? where seq = 3', [schema, 'denied']);
    const broken = await runCli(config());
    expect(broken).toEqual({ code: 1, stdout: 'audit chain BROKEN at seq 3: hash mismatch\n', stderr: '' });

    // The tail cut off: only the anchor from the earlier run can tell.
    await conn.knex.raw('delete from ??.audit_log where seq >= 3', [schema]);
    expect((await runCli(config())).code).toBe(0);
    const anchored = await runCli(config(), ['--anchor', `5:${head.hash}`]);
    expect(anchored).toEqual({ code: 1, stdout: 'audit chain BROKEN at seq 3: missing sequence number\n', stderr: '' });
  });
});

test('on the embedded store (the hub stopped)', async () => {
  const dataDir = copyEmbeddedTemplate();
  try {
    const schema = 'hub';
    const engine = await EmbeddedEngine.open(dataDir);
    const conn = engine.connection(schema);
    const log = new AuditLog(conn);
    await log.migrate();
    for (let i = 1; i <= 3; i += 1) await log.append(entry(i));
    await conn.close();
    await engine.close();

    const { code, stdout } = await runCli({ store: { engine: 'embedded', schema }, embedded: { dataDir } });
    expect(stdout.split('\n')[0]).toBe('audit chain intact: 3 records');
    expect(code).toBe(0);
  } finally {
    rmSync(dirname(dataDir), { recursive: true, force: true });
  }
});
