import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { closedLoop } from '../../bench/lib/floor';
import {
  CodedError,
  formatErrors,
  mergeCodes,
  responseErrorCode,
  transportErrorCode,
  unrecorded,
} from '../../bench/lib/errors';
import { runLoad } from '../../bench/lib/load';
import { medianOfRuns } from '../../bench/lib/stats';

/**
 * Issue 20: every error of a benchmark run is recorded with its code. The load generator runs against a
 * scripted HTTP server on loopback: the script is the oracle for what each request got.
 */
const SCRIPT: Array<{ status: number; body?: string; hang?: boolean }> = [
  { status: 200, body: '{"data":{"ok":true}}' },
  { status: 503, body: '{"errors":[{"message":"busy","extensions":{"code":"OVERLOADED"}}]}' },
  { status: 200, body: '{"errors":[{"message":"too big","extensions":{"code":"RESPONSE_TOO_LARGE"}}],"data":null}' },
  { status: 500, body: 'upstream exploded' },
  { status: 200, body: '{"data":{"a":1},"errors":[{"message":"no code here"}]}' },
  { status: 200, hang: true },
];

async function scriptedServer(): Promise<{ url: string; close(): Promise<void> }> {
  let i = 0;
  const open = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const step = SCRIPT[i++ % SCRIPT.length]!;
      if (step.hang) {
        open.add(res);
        return;
      }
      res.writeHead(step.status, { 'content-type': 'application/json' });
      res.end(step.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: async () => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('benchmark errors by code', () => {
  it('runLoad records each failed response and the timeout under its own code', async () => {
    const server = await scriptedServer();
    try {
      const run = await runLoad({
        url: server.url,
        headers: {},
        body: '{"query":"{ ok }"}',
        connections: 1,
        amount: SCRIPT.length,
        timeoutSeconds: 1,
        stopAfterMs: 20_000,
      });
      expect(run.errorCodes).toEqual({
        OVERLOADED: 1,
        RESPONSE_TOO_LARGE: 1,
        HTTP_500: 1,
        GRAPHQL_ERROR: 1,
        TIMEOUT: 1,
      });
      expect(run.errors).toBe(5);
      expect(unrecorded(run.errors, run.errorCodes)).toBe(0);
      expect(formatErrors(run.errors, run.errorCodes)).toBe(
        '5 (GRAPHQL_ERROR 1, HTTP_500 1, OVERLOADED 1, RESPONSE_TOO_LARGE 1, TIMEOUT 1)',
      );
    } finally {
      await server.close();
    }
  });

  it('runLoad records connection errors with the socket error code', async () => {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve)); // nothing listens there any more
    const run = await runLoad({
      url: `http://127.0.0.1:${port}/graphql`,
      headers: {},
      body: '{}',
      connections: 1,
      amount: 1_000,
      timeoutSeconds: 1,
      stopAfterMs: 300,
    });
    expect(run.errors).toBeGreaterThan(0);
    expect(run.errorCodes).toEqual({ ECONNREFUSED: run.errors });
  });

  it('the floor loop records thrown driver errors by their code, and medians keep every code', async () => {
    let n = 0;
    const failures = [
      Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
      Object.assign(new Error('Too many connections'), { code: 'ER_CON_COUNT_ERROR' }),
      new CodedError('RESPONSE_TOO_LARGE', 'request failed (413)'),
    ];
    const loop = await closedLoop(2, 6, 10_000, () => {
      const i = n++;
      return i % 2 ? Promise.reject(failures[(i - 1) / 2]!) : Promise.resolve(i);
    });
    expect(loop.latencies).toHaveLength(3);
    expect(loop.errors).toBe(3);
    // The driver's own code wins over a message that mentions a timeout.
    expect(loop.errorCodes).toEqual({ '57014': 1, ER_CON_COUNT_ERROR: 1, RESPONSE_TOO_LARGE: 1 });
    const merged = medianOfRuns([
      { requests: 3, errors: 3, errorCodes: loop.errorCodes, p50: 1, p95: 1, p99: 1, rps: 1 },
      { requests: 1, errors: 2, errorCodes: { OVERLOADED: 2 }, p50: 2, p95: 2, p99: 2, rps: 2 },
    ]);
    expect(merged.errors).toBe(5);
    expect(merged.errorCodes).toEqual({ '57014': 1, ER_CON_COUNT_ERROR: 1, RESPONSE_TOO_LARGE: 1, OVERLOADED: 2 });
  });

  it('reads codes from bodies and errors as GraphQL over HTTP and the drivers give them', () => {
    expect(responseErrorCode(200, '{"data":{"x":1}}')).toBeUndefined();
    expect(responseErrorCode(200, '{"data":{"errors":"a field named errors"}}')).toBeUndefined();
    expect(responseErrorCode(429, '{"errors":[{"message":"slow down","extensions":{"code":"RATE_LIMITED"}}]}')).toBe(
      'RATE_LIMITED',
    );
    expect(responseErrorCode(400, '{"errors":[{"message":"bad"},{"extensions":{"code":"BAD_INPUT"}}]}')).toBe(
      'BAD_INPUT',
    );
    expect(responseErrorCode(502, '<html>bad gateway</html>')).toBe('HTTP_502');
    expect(responseErrorCode(200, '{"errors":[ truncated')).toBe('UNPARSABLE_BODY');
    expect(transportErrorCode(new DOMException('The operation timed out.', 'TimeoutError'))).toBe('TIMEOUT');
    expect(transportErrorCode(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }))).toBe('ECONNRESET');
    expect(transportErrorCode(new Error('request timed out'))).toBe('TIMEOUT'); // autocannon's timeout
    expect(transportErrorCode('something odd')).toBe('TRANSPORT_ERROR');
    expect(mergeCodes({ A: 1 }, undefined, { A: 2, B: 1 })).toEqual({ A: 3, B: 1 });
    expect(formatErrors(3, { A: 1 })).toBe('3 (A 1, UNRECORDED 2)');
    expect(formatErrors(0, {})).toBe('0');
  });
});
