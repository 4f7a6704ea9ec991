import { ApolloServer, type GraphQLResponse } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { randomUUID } from 'node:crypto';
import { AuditLog } from '../../src/audit/audit-log';
import { AUDIT_UNAVAILABLE, auditPlugin, auditRefused, type AuditContext } from '../../src/server/audit-plugin';
import { sha256Hex, type AuditEntry, type AuditRecord } from '../../src/audit/record';
import { AuditTrail } from '../../src/audit/trail';
import { HubError } from '../../src/errors';
import { logger } from '../../src/logger';
import { RequestTrace } from '../../src/observability/trace';
import { STORE_ENGINES, openAuditTestStore, type AuditTestStore } from './audit-engines';

/** A tiny schema whose resolvers do what the hub's do to the context: trace statements, record decisions. */
const typeDefs = /* GraphQL */ `
  interface Named {
    name: String
  }
  type Employee implements Named {
    id: ID!
    name: String
    email: String
  }
  type Department implements Named {
    id: ID!
    name: String
    head: Employee
    budget(period: String): String
    salaryTotal: String
  }
  type Query {
    departments: [Department]
    secret: String
    boom: String
    echo(password: String, idCardNo: String, note: String): String
  }
`;

const statement = (source: string, rows: number) => ({
  source,
  kind: 'fetch' as const,
  fingerprint: `${source}-fp`,
  durationMs: 1,
  rows,
  ok: true,
});

const schema = makeExecutableSchema<AuditContext>({
  typeDefs,
  resolvers: {
    Named: { __resolveType: () => 'Employee' },
    Query: {
      departments: (_p, _a, ctx) => {
        ctx.trace.record(statement('hr', 2));
        return [
          { id: 'D1', name: 'Sales', head: { id: 'EMP-1', name: 'Ann', email: 'ann@example.com' } },
          { id: 'D2', name: 'Finance', head: { id: 'EMP-2', name: 'Bob', email: 'bob@example.com' } },
        ];
      },
      secret: (_p, _a, ctx) => {
        ctx.audit.deny('Query.secret', 'fields["Query.secret"] = deny');
        throw new HubError('FORBIDDEN', 'You may not see Query.secret.');
      },
      echo: () => 'ok',
      boom: () => {
        throw new Error('the database exploded');
      },
    },
    Department: {
      budget: (_p, _a, ctx) => {
        ctx.audit.indicator('BUDGET', '2');
        ctx.trace.record(statement('erp', 1));
        return '100.00';
      },
      salaryTotal: (_p, _a, ctx) => {
        ctx.audit.deny('Department.salaryTotal', 'fields["Department.salaryTotal"].analyst = deny');
        throw new HubError('FORBIDDEN', 'You may not see Department.salaryTotal.');
      },
    },
    Employee: {
      email: (p: { email: string }, _a, ctx) => {
        ctx.audit.mask('Employee.email', 'fields["Employee.email"].analyst = mask:email');
        return p.email.replace(/^[^@]+/, '***');
      },
    },
  },
});

function context(): AuditContext {
  return {
    requestId: randomUUID(),
    viewer: {
      principal: 'EMP-000042',
      kind: 'person',
      roles: ['analyst', 'employee'],
      unit: 'D1',
      rows: [new Map([['Department', new Set(['D1', 'D2'])]])],
      operations: new Set(['view']),
      individuals: false,
      scopeDescription: 'departments D1, D2',
    },
    trace: new RequestTrace(),
    audit: new AuditTrail(),
  };
}

type Single = {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
};
function single(response: GraphQLResponse): Single {
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as Single;
}

describe.each(STORE_ENGINES)('audit plugin on %s', (engine) => {
  let store: AuditTestStore;
  let log: AuditLog;
  let server: ApolloServer<AuditContext>;

  beforeAll(async () => {
    store = await openAuditTestStore(engine);
    log = new AuditLog(store.conn);
    await log.migrate();
    server = new ApolloServer<AuditContext>({ schema, plugins: [auditPlugin(log, schema)] });
    await server.start();
  });
  afterAll(async () => {
    await server?.stop();
    await store?.dispose();
  });

  async function run(query: string, variables?: Record<string, unknown>, operationName?: string) {
    const ctx = context();
    const before = (await log.verify()).checked;
    const response = await server.executeOperation({ query, variables, operationName }, { contextValue: ctx });
    const verdict = await log.verify();
    expect(verdict.ok).toBe(true);
    expect(verdict.checked).toBe(before + 1); // exactly one record per request
    const [record] = (await log.query({}, { first: 1 })).records;
    expect(record!.requestId).toBe(ctx.requestId);
    return { response, result: single(response), record: record! };
  }

  test('an answered request: one record with fields (fragments followed), redacted variables, trail and trace', async () => {
    const query = `
      query Dashboard($period: String, $password: String, $idCardNo: String, $note: String) {
        departments { ...Dept ... on Department { head { ...Person } } }
        echo(password: $password, idCardNo: $idCardNo, note: $note)
      }
      query Other { secret }
      fragment Dept on Department { id budget(period: $period) }
      fragment Person on Named { name ... on Employee { email } }
    `;
    const note = 'x'.repeat(500);
    const { response, result, record } = await run(
      query,
      { period: '2025-Q4', password: 'hunter2', idCardNo: '310101199001011234', note },
      'Dashboard',
    );
    expect(result.errors).toBeUndefined();
    expect(response.http.status).toBeUndefined();
    expect(record).toMatchObject<Partial<AuditRecord>>({
      principal: 'EMP-000042',
      roles: ['analyst', 'employee'],
      scope: 'departments D1, D2',
      operationName: 'Dashboard',
      documentHash: sha256Hex(query),
      outcome: 'ok',
      errorCodes: [],
      // Other's Query.secret is not part of the operation that ran; __resolveType adds nothing.
      fieldsRequested: [
        'Department.budget',
        'Department.head',
        'Department.id',
        'Employee.email',
        'Named.name',
        'Query.departments',
        'Query.echo',
      ],
      denied: [],
      masked: [{ field: 'Employee.email', rule: 'fields["Employee.email"].analyst = mask:email' }],
      indicators: [{ code: 'BUDGET', version: '2' }],
      statements: [
        { source: 'erp', statements: 2, rows: 2, fingerprints: ['erp-fp', 'erp-fp'] },
        { source: 'hr', statements: 1, rows: 2, fingerprints: ['hr-fp'] },
      ],
      rows: 4,
      ip: null,
      reason: null,
    });
    expect(record.variables).toEqual({
      period: '2025-Q4',
      password: '[redacted]',
      idCardNo: '[redacted]',
      note: `${'x'.repeat(200)}…[truncated: 500 chars]`,
    });
    expect(JSON.stringify(record)).not.toContain('hunter2');
    expect(JSON.stringify(record)).not.toContain('310101199001011234');
    expect(record.latencyMs).toBeGreaterThanOrEqual(0);
    expect(Date.now() - Date.parse(record.at)).toBeLessThan(60_000);
  });

  test('some fields FORBIDDEN, data returned → partial, with the denied field and its rule', async () => {
    const { result, record } = await run('{ departments { id salaryTotal } }');
    expect(result.data?.departments).toHaveLength(2);
    expect(record).toMatchObject({
      outcome: 'partial',
      errorCodes: ['FORBIDDEN'],
      operationName: null,
      fieldsRequested: ['Department.id', 'Department.salaryTotal', 'Query.departments'],
      denied: [{ field: 'Department.salaryTotal', rule: 'fields["Department.salaryTotal"].analyst = deny' }],
    });
  });

  test('only FORBIDDEN and no data → denied', async () => {
    const { result, record } = await run('query S { secret }');
    expect(result.data).toEqual({ secret: null });
    expect(record).toMatchObject({
      outcome: 'denied',
      errorCodes: ['FORBIDDEN'],
      operationName: 'S',
      fieldsRequested: ['Query.secret'],
    });
  });

  test.each([
    [
      'a validation error',
      '{ departments { id nope } }',
      'GRAPHQL_VALIDATION_FAILED',
      ['Department.id', 'Query.departments'],
    ],
    ['a parse error', '{ departments { id ', 'GRAPHQL_PARSE_FAILED', []],
    [
      'an internal error',
      '{ boom departments { id } }',
      'INTERNAL_SERVER_ERROR',
      ['Department.id', 'Query.boom', 'Query.departments'],
    ],
  ])('%s → error, still audited', async (_name, query, code, fields) => {
    const { record } = await run(query);
    expect(record).toMatchObject({
      outcome: 'error',
      errorCodes: [code],
      documentHash: sha256Hex(query),
      fieldsRequested: fields,
    });
  });

  test('the response waits for the record', async () => {
    let written = false;
    class SlowLog extends AuditLog {
      override async append(entry: AuditEntry) {
        await new Promise((r) => setTimeout(r, 150));
        const done = await super.append(entry);
        written = true;
        return done;
      }
    }
    const slow = new ApolloServer<AuditContext>({ schema, plugins: [auditPlugin(new SlowLog(store.conn), schema)] });
    await slow.start();
    try {
      const response = await slow.executeOperation({ query: '{ departments { id } }' }, { contextValue: context() });
      expect(written).toBe(true);
      expect(single(response).data?.departments).toHaveLength(2);
    } finally {
      await slow.stop();
    }
  });

  describe('fails closed when the record cannot be written', () => {
    async function expectRefused(brokenLog: AuditLog) {
      const errorSpy = jest.spyOn(logger, 'error');
      const broken = new ApolloServer<AuditContext>({ schema, plugins: [auditPlugin(brokenLog, schema)] });
      await broken.start();
      try {
        const response = await broken.executeOperation(
          { query: '{ departments { id name } }' },
          { contextValue: context() },
        );
        const result = single(response);
        expect(response.http.status).toBe(503);
        expect(result).not.toHaveProperty('data');
        expect(result.errors).toHaveLength(1);
        const [error] = result.errors!;
        expect(error!.extensions?.code).toBe(AUDIT_UNAVAILABLE);
        const errorId = error!.extensions?.errorId as string;
        expect(errorId).toMatch(/^[0-9a-f-]{36}$/);
        expect(error!.message).toBe(
          `The request could not be audited, so it was not answered. Try again later; operators: see the log (error id ${errorId}).`,
        );
        expect(JSON.stringify(result)).not.toContain('Sales');
        expect(errorSpy).toHaveBeenCalledWith(
          expect.objectContaining({ errorId, err: expect.any(Error) }),
          expect.stringContaining('audit'),
        );
      } finally {
        await broken.stop();
      }
    }

    test('the audit table was dropped', async () => {
      const conn = store.openAnother('dropped');
      const dropped = new AuditLog(conn);
      await dropped.migrate();
      await conn.knex.raw('drop table ??.audit_log', [`${store.schema}_dropped`]);
      await expectRefused(dropped);
    });

    test("the store's connection is closed", async () => {
      const conn = store.openAnother();
      await conn.close();
      await expectRefused(new AuditLog(conn));
    });

    test('the main log is unaffected and still intact', async () => {
      expect((await log.verify()).ok).toBe(true);
    });
  });

  test('auditRefused: a request turned away before GraphQL ran', async () => {
    const before = (await log.verify()).checked;
    const written = await auditRefused(log, {
      requestId: 'req-refused-1',
      reason: 'invalid token: signature',
      ip: '10.0.0.7',
      operationName: 'Dashboard',
    });
    expect(written.seq).toBe(before + 1);
    const [record] = (await log.query({ outcome: 'refused' }, { first: 1 })).records;
    expect(record).toMatchObject({
      seq: written.seq,
      hash: written.hash,
      requestId: 'req-refused-1',
      principal: 'anonymous',
      roles: [],
      outcome: 'refused',
      errorCodes: ['UNAUTHENTICATED'],
      ip: '10.0.0.7',
      reason: 'invalid token: signature',
      operationName: 'Dashboard',
      fieldsRequested: [],
      variables: null,
    });
    expect((await log.verify()).ok).toBe(true);
  });
});
