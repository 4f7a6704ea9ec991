import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import { parse, print } from 'graphql';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256, TrustedDocuments } from '../../src/server/trusted-documents';
import { MIXED } from '../support/engines';
import { EXECUTIVE, authHeaders, startTestHub, type TestHub } from '../support/hub-client';
import { openRawSocket } from '../support/ws-raw';

/**
 * Persisted documents as GraphQL Code Generator's client preset writes them: its manifest's
 * `sha256:<hex>` keys over its own printing of each operation (printExecutableGraphQLDocument, the
 * preset's normaliser), and the request shapes clients send — `documentId` (GraphQL-over-HTTP),
 * Apollo's `extensions.persistedQuery`, and the full text as graphql-request prints it.
 */
const DEPARTMENTS = /* GraphQL */ `
  query Departments($limit: Int!) {
    departments(limit: $limit) {
      name
      id
    }
  }
`;
const NOTICES = 'subscription Notices { indicatorNotices { id code } }';
/** What the preset writes for an operation: its normalised text, and "sha256:" + the hex of that text. */
const manifestEntry = (source: string) => {
  const text = printExecutableGraphQLDocument(parse(source));
  return [`sha256:${sha256(text)}`, text] as const;
};
const [DEPARTMENTS_ID, DEPARTMENTS_TEXT] = manifestEntry(DEPARTMENTS);
const [NOTICES_ID] = manifestEntry(NOTICES);

let hub: TestHub;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'indicator-hub-persisted-'));
  writeFileSync(
    join(dir, 'persisted-documents.json'),
    JSON.stringify(Object.fromEntries([manifestEntry(DEPARTMENTS), manifestEntry(NOTICES)]), null, 2),
  );
  hub = await startTestHub(MIXED, { security: { trustedDocumentsFile: join(dir, 'persisted-documents.json') } });
});
afterAll(async () => {
  await hub?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function post(body: unknown, accept = 'application/json') {
  const res = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept, ...(await authHeaders(EXECUTIVE)) },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: (await res.json()) as {
      data?: { departments?: unknown[] };
      errors?: Array<{ extensions: Record<string, unknown> }>;
    },
  };
}

describe('the client preset manifest', () => {
  test('is accepted at start exactly as written (sha256: keys), and the old form still is', () => {
    expect(TrustedDocuments.load(join(dir, 'persisted-documents.json')).size).toBe(2);
    const old = '{ departments(limit: 1) { id } }';
    writeFileSync(join(dir, 'old.json'), JSON.stringify({ [sha256(old)]: old }));
    expect(TrustedDocuments.load(join(dir, 'old.json')).size).toBe(1);
  });

  test('a wrong hex and a malformed key are refused at start, each with what is wrong', () => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ [`sha256:${'0'.repeat(64)}`]: DEPARTMENTS_TEXT }));
    expect(() => TrustedDocuments.load(join(dir, 'bad.json'))).toThrow(/its hex is not the sha256 of its text/);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ 'md5:abc': DEPARTMENTS_TEXT }));
    expect(() => TrustedDocuments.load(join(dir, 'bad.json'))).toThrow(/is not a sha256 key/);
  });
});

describe('over HTTP', () => {
  test('documentId (GraphQL-over-HTTP persisted documents), POST and GET', async () => {
    const byPost = await post({ documentId: DEPARTMENTS_ID, variables: { limit: 3 } });
    expect(byPost.status).toBe(200);
    expect(byPost.body.data!.departments).toHaveLength(3);
    const url = `${hub.url}?documentId=${encodeURIComponent(DEPARTMENTS_ID)}&variables=${encodeURIComponent('{"limit":2}')}`;
    const byGet = await fetch(url, {
      headers: {
        accept: 'application/graphql-response+json',
        // Apollo's CSRF prevention: a GET names itself as not a simple request.
        'apollo-require-preflight': 'true',
        ...(await authHeaders(EXECUTIVE)),
      },
    });
    expect(byGet.status).toBe(200);
    expect(((await byGet.json()) as { data: { departments: unknown[] } }).data.departments).toHaveLength(2);
  });

  test("Apollo's persistedQuery with the preset's hash, prefixed or not", async () => {
    for (const sha256Hash of [DEPARTMENTS_ID, DEPARTMENTS_ID.slice('sha256:'.length)]) {
      const res = await post({ variables: { limit: 2 }, extensions: { persistedQuery: { version: 1, sha256Hash } } });
      expect(res.status).toBe(200);
      expect(res.body.data!.departments).toHaveLength(2);
    }
  });

  test('the full text whatever its whitespace, comments and field order', async () => {
    const texts = [
      DEPARTMENTS,
      print(parse(DEPARTMENTS)),
      `# a comment\n${DEPARTMENTS.replace(/\s+/g, ' ')}`,
      DEPARTMENTS_TEXT,
      DEPARTMENTS.replace('name\n      id', 'id,name'),
    ];
    for (const query of texts) {
      const res = await post({ query, variables: { limit: 1 } });
      expect({ query, status: res.status }).toEqual({ query, status: 200 });
      expect(res.body.data!.departments).toHaveLength(1);
    }
  });

  test('an unknown id is PERSISTED_QUERY_NOT_FOUND (404), an unregistered text FORBIDDEN / UNTRUSTED_DOCUMENT (403)', async () => {
    const unknown = await post({ documentId: `sha256:${'a'.repeat(64)}` }, 'application/graphql-response+json');
    expect(unknown.status).toBe(404);
    expect(unknown.type).toMatch(/^application\/graphql-response\+json/);
    expect(unknown.body.errors![0]!.extensions).toEqual({
      code: 'PERSISTED_QUERY_NOT_FOUND',
      reason: 'UNKNOWN_DOCUMENT_ID',
    });
    const apq = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'b'.repeat(64) } } });
    expect(apq.status).toBe(404);
    const other = await post({ query: '{ departments(limit: 3) { id } }' });
    expect(other.status).toBe(403);
    expect(other.body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'UNTRUSTED_DOCUMENT' });
    const introspection = await post({ query: '{ __schema { queryType { name } } }' });
    expect(introspection.status).toBe(403);
  });
});

describe('over WebSocket', () => {
  test('documentId and persistedQuery open a registered subscription; an unknown id is refused', async () => {
    const socket = openRawSocket(hub.url, await authHeaders(EXECUTIVE));
    try {
      expect(await socket.init).toEqual({ ack: true });
      expect(await socket.subscribePayload('by-id', { documentId: NOTICES_ID }, 1000)).toBe('none');
      expect(
        await socket.subscribePayload(
          'by-apq',
          { extensions: { persistedQuery: { version: 1, sha256Hash: NOTICES_ID } } },
          1000,
        ),
      ).toBe('none');
      expect(await socket.subscribePayload('unknown', { documentId: `sha256:${'c'.repeat(64)}` }, 5000)).toMatchObject({
        type: 'error',
        payload: [{ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }],
      });
      expect(await socket.subscribe('text', 'subscription Notices {\n  indicatorNotices { code id }\n}', 1000)).toBe(
        'none',
      );
    } finally {
      socket.close();
    }
  });
});
