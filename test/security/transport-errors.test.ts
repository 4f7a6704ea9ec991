import http from 'node:http';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { ALL_EMBEDDED } from '../support/engines';
import { EXECUTIVE, startTestHub, type TestHub } from '../support/hub-client';
import { byKind, eventually, refusalRows } from './audit-oracle';
import { FINANCE_MANAGER } from './personal-kit';

/**
 * Issue 22, findings 3 and 4 as found: a body with an unsupported charset or content-encoding, or a corrupt
 * gzip/br body, got Express's HTML error page with a stack trace and absolute paths — unthrottled and not
 * audited; change-request ids ≥ 2^31 or "1e30" were INTERNAL_SERVER_ERROR ("integer out of range" from the
 * store) and "0x10" or " 1" were accepted; a year of daily payroll by department (finance manager) was
 * INTERNAL_SERVER_ERROR (the disclosure-log insert passed 65,535 bind parameters).
 * Each request comes from its own address (the hub trusts the loopback proxy; X-Forwarded-For).
 */
const MAX_REFUSALS = 6;
const CONFIG = {
  server: { trustedProxies: ['127.0.0.1'] },
  limits: { preAuth: { maxRefusals: MAX_REFUSALS, windowSeconds: 3600 }, refusalAuditSeconds: 1 },
};
const QUERY = JSON.stringify({ query: '{ me { principal } }' });
const LEAKS = [/<html|<pre|<!DOCTYPE/i, /\bat [^\s]+ \(/, /\/work\/|node_modules|\.ts:\d+|\.js:\d+/, /stack/i];

/** A raw HTTP POST (fetch would refuse or rewrite some of these headers). */
function rawPost(
  url: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<{ status: number; type: string; retryAfter: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'content-length': body.length } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          type: String(res.headers['content-type'] ?? ''),
          retryAfter: res.headers['retry-after'] as string | undefined,
          text,
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const corruptGzip = () => {
  const good = gzipSync(QUERY);
  good[good.length - 6]! ^= 0xff; // the CRC no longer matches
  return Buffer.concat([good.subarray(0, 12), Buffer.from('not deflate at all'), good.subarray(12)]);
};
const corruptBr = () => Buffer.concat([Buffer.from([0xff, 0xff, 0xff]), brotliCompressSync(QUERY)]);

const BODIES: Array<[name: string, headers: Record<string, string>, body: () => Buffer, status: number, code: string]> =
  [
    [
      'charset=latin1',
      { 'content-type': 'application/json; charset=latin1' },
      () => Buffer.from(QUERY),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'charset=koi8-r',
      { 'content-type': 'application/json; charset=koi8-r' },
      () => Buffer.from(QUERY),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'content-encoding: compress',
      { 'content-type': 'application/json', 'content-encoding': 'compress' },
      () => Buffer.from(QUERY),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'a corrupt gzip body',
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      corruptGzip,
      400,
      'BAD_REQUEST',
    ],
    [
      'a corrupt br body',
      { 'content-type': 'application/json', 'content-encoding': 'br' },
      corruptBr,
      400,
      'BAD_REQUEST',
    ],
    [
      'gzip that is not gzip',
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      () => Buffer.from(QUERY),
      400,
      'BAD_REQUEST',
    ],
  ];

describe('issue 22, finding 3: transport errors are coded JSON, throttled and audited', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(ALL_EMBEDDED, CONFIG);
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  test.each(BODIES)('%s → a coded JSON 4xx, no stack, no path, no HTML', async (_name, headers, body, status, code) => {
    const address = `198.51.100.${BODIES.findIndex((b) => b[0] === _name) + 10}`;
    const res = await rawPost(hub.url, { ...headers, 'x-forwarded-for': address }, body());
    expect(res.status).toBe(status);
    expect(res.type).toMatch(/^application\/json/);
    for (const leak of LEAKS) expect(res.text).not.toMatch(leak);
    expect(
      (JSON.parse(res.text) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code,
    ).toBe(code);
  });

  test('a flood of corrupt bodies from one address: refused until the budget is spent, then 429 before the body is read — audited, aggregated', async () => {
    const address = '198.51.100.200';
    const answers = [];
    for (let i = 0; i < MAX_REFUSALS + 4; i++) {
      answers.push(
        await rawPost(
          hub.url,
          { 'content-type': 'application/json', 'content-encoding': 'gzip', 'x-forwarded-for': address },
          corruptGzip(),
        ),
      );
    }
    expect(answers.slice(0, MAX_REFUSALS).map((a) => a.status)).toEqual(Array(MAX_REFUSALS).fill(400));
    for (const a of answers.slice(MAX_REFUSALS)) {
      expect(a.status).toBe(429);
      expect(Number(a.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    const kinds = await eventually(
      async () => byKind(await refusalRows(hub, { ip: address })),
      (k) => k.BAD_BODY?.refusals === MAX_REFUSALS && k.THROTTLED?.refusals === 4,
    );
    expect(kinds.BAD_BODY?.refusals).toBe(MAX_REFUSALS);
    expect(kinds.THROTTLED?.refusals).toBe(4);
    // Aggregated: fewer records than refusals.
    expect(kinds.BAD_BODY!.records).toBeLessThan(MAX_REFUSALS);
  });

  test('an unknown route and a malformed URL are JSON too, never the HTML error page', async () => {
    const bad = await fetch(`${hub.origin}/graphql/%E0%A4%A`, { method: 'POST' });
    expect(bad.status).toBeLessThan(500);
    const text = await bad.text();
    for (const leak of LEAKS) expect(text).not.toMatch(leak);
  });
});

describe('issue 22, finding 4: ids checked by type before any statement; no 500 for a year of daily payroll', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(ALL_EMBEDDED);
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  const FIELDS = [
    (id: string) => `{ indicatorChange(id: ${JSON.stringify(id)}) { id } }`,
    (id: string) =>
      `mutation { editIndicatorChange(id: ${JSON.stringify(id)}, expectedRevision: 1, reason: "x") { id } }`,
    (id: string) => `mutation { submitIndicatorChange(id: ${JSON.stringify(id)}, expectedRevision: 1) { id } }`,
    (id: string) => `mutation { withdrawIndicatorChange(id: ${JSON.stringify(id)}, expectedRevision: 1) { id } }`,
    (id: string) =>
      `mutation { approveIndicatorChange(id: ${JSON.stringify(id)}, expectedRevision: 1, comment: "x") { id } }`,
    (id: string) =>
      `mutation { rejectIndicatorChange(id: ${JSON.stringify(id)}, expectedRevision: 1, comment: "x") { id } }`,
  ];
  const IDS = ['2147483648', '99999999999', '1e30', '0x10', ' 1', '1 ', '+1', '-1', '01', '1.0', ''];

  test.each(IDS)('change-request id %j → BAD_USER_INPUT on all six fields', async (id) => {
    for (const field of FIELDS) {
      const res = await hub.query(field(id), {}, EXECUTIVE);
      expect({ id, codes: res.errors?.map((e) => e.extensions?.code) }).toEqual({ id, codes: ['BAD_USER_INPUT'] });
      expect(res.raw).not.toMatch(/integer out of range|Internal error/);
    }
  });

  test('the largest valid id is looked up (not found: null), not refused', async () => {
    const res = await hub.query('{ indicatorChange(id: "2147483647") { id } }', {}, EXECUTIVE);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ indicatorChange: null });
  });

  test('a year of daily payroll by department as the finance manager: answered (cells released or suppressed), no 500', async () => {
    const res = await hub.query<{
      indicatorValues: { rows: Array<{ cells: Array<{ value: string | null; reason: string | null }> }> };
    }>(
      '{ indicatorValues(codes: ["payroll_cost"], from: "2025-01-01", to: "2025-12-31", grain: DAY, groupBy: "department") { rows { cells { value reason } } } }',
      {},
      FINANCE_MANAGER,
    );
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    const cells = res.data!.indicatorValues.rows.flatMap((r) => r.cells);
    expect(cells.length).toBeGreaterThan(365 * 10);
    // Released sets logged: more rows than one INSERT could bind (9 parameters each).
    const { conn } = hub.runtime.store;
    const logged = (await conn.knex.raw(`select count(*) as n from ${conn.schema}.disclosure_log`)) as {
      rows: Array<{ n: string }>;
    };
    expect(Number(logged.rows[0]!.n)).toBeGreaterThan(65_535 / 9);
  }, 120_000);
});
