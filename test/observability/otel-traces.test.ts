import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ALL_EMBEDDED } from '../support/engines';
import { authHeaders, EXECUTIVE, startTestHub, type TestHub } from '../support/hub-client';

/**
 * OpenTelemetry: with `tracing.endpoint` set the hub exports, over OTLP/HTTP to a receiver written here,
 * one span per request joined to the caller's traceparent and one child span per source statement with
 * its source, fingerprint, rows and duration — the same statements `extensions.trace` reports.
 */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Array<{ key: string; value: { stringValue?: string; intValue?: string | number; doubleValue?: number } }>;
}

describe('OpenTelemetry traces', () => {
  const spans: OtlpSpan[] = [];
  let receiver: http.Server;
  let hub: TestHub;

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const payload = JSON.parse(body) as {
          resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
        };
        for (const r of payload.resourceSpans) for (const s of r.scopeSpans) spans.push(...s.spans);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v1/traces`;
    hub = await startTestHub(ALL_EMBEDDED, { tracing: { endpoint } });
  });

  afterAll(async () => {
    await hub?.dispose();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  const attr = (s: OtlpSpan, key: string) => {
    const v = s.attributes.find((a) => a.key === key)?.value;
    return v?.stringValue ?? (v?.intValue !== undefined ? Number(v.intValue) : v?.doubleValue);
  };

  test("a request's span is a child of the caller's, with one child span per source statement", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    const res = await fetch(hub.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-trace': '1',
        traceparent: `00-${traceId}-${callerSpan}-01`,
        ...(await authHeaders(EXECUTIVE)),
      },
      body: JSON.stringify({
        query:
          'query Dashboard { indicatorValues(codes: ["revenue", "headcount"], from: "2025-01", to: "2025-03", grain: MONTH) { rows { period } } }',
      }),
    });
    const body = (await res.json()) as {
      errors?: unknown;
      extensions: { trace: { statements: number; bySource: Record<string, { fingerprints: string[]; rows: number }> } };
    };
    expect(body.errors).toBeUndefined();
    await hub.runtime.tracing!.flush();

    const request = spans.find((s) => s.traceId === traceId && s.parentSpanId === callerSpan);
    expect(request).toBeDefined();
    expect(request!.name).toBe('graphql Dashboard');
    const statements = spans.filter((s) => s.traceId === traceId && s.parentSpanId === request!.spanId);
    const trace = body.extensions.trace;
    expect(trace.statements).toBeGreaterThan(0);
    expect(statements).toHaveLength(trace.statements);
    for (const [source, summary] of Object.entries(trace.bySource)) {
      const mine = statements.filter((s) => attr(s, 'hub.source') === source);
      expect(mine.map((s) => attr(s, 'hub.statement.fingerprint')).sort()).toEqual([...summary.fingerprints].sort());
      expect(mine.reduce((n, s) => n + Number(attr(s, 'hub.statement.rows')), 0)).toBe(summary.rows);
      for (const s of mine) expect(typeof attr(s, 'hub.statement.duration_ms')).toBe('number');
    }
  });

  test('without a traceparent the request starts its own trace', async () => {
    const before = spans.length;
    const res = await hub.query('query Me { me { principal } }');
    expect(res.errors).toBeUndefined();
    await hub.runtime.tracing!.flush();
    const mine = spans.slice(before).filter((s) => s.name === 'graphql Me');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.parentSpanId ?? '').toBe('');
  });
});
