import { auditServer } from 'graphql-http';
import { ALL_EMBEDDED } from '../support/engines';
import { authHeaders, EXECUTIVE, startTestHub, type TestHub } from '../support/hub-client';

/**
 * The graphql-http conformance audit (GraphQL over HTTP) against a real hub, authenticated as the
 * executive: every MUST passes; SHOULD and MAY items that do not are listed here with the reason, and the
 * test fails when the list of failing items changes (one passing now, or a new failure).
 */
// Apollo Server answers a request it refuses before execution 400 under `application/json` too (the
// spec's SHOULD is 200 there, its legacy media type; 4xx is required only for
// application/graphql-response+json). Kept: clients, proxies and the hub's own error catalogue read these
// refusals by their 4xx status; a client that wants the spec's behaviour asks for graphql-response+json.
const KNOWN: Record<string, string> = {
  '572B': 'SHOULD use 200 status code on document parsing failure when accepting application/json',
  FDE2: 'SHOULD use 200 status code on document validation failure when accepting application/json',
  '7B9B': 'SHOULD use a status code of 200 on variable coercion failure when accepting application/json',
};

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub(ALL_EMBEDDED);
});
afterAll(async () => {
  await hub?.dispose();
});

test('every MUST passes; SHOULD/MAY failures are the known ones', async () => {
  const auth = await authHeaders(EXECUTIVE);
  const results = await auditServer({
    url: hub.url,
    fetchFn: (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      for (const [k, v] of Object.entries(auth)) headers.set(k, v);
      headers.set('apollo-require-preflight', 'true');
      return fetch(input, { ...init, headers });
    },
  });
  const failed = results.filter((r) => r.status !== 'ok');
  const summary = failed.map((r) => `${r.id} ${r.name}: ${r.status === 'error' ? 'error' : 'warn'} — ${r.reason}`);
  process.stdout.write(
    `graphql-http audit: ${results.length - failed.length}/${results.length} ok\n${summary.join('\n')}\n`,
  );
  expect(failed.filter((r) => r.name.startsWith('MUST'))).toEqual([]);
  expect(Object.fromEntries(failed.map((r) => [r.id, r.name]))).toEqual(KNOWN);
});
