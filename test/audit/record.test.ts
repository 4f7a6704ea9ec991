import { buildSchema, parse } from 'graphql';
import { fieldsRequested } from '../../src/audit/fields';
import {
  GENESIS_HASH,
  canonicalJson,
  hasSomeData,
  hashOf,
  normaliseEntry,
  outcomeOf,
  redactVariables,
  sha256Hex,
  type AuditEntry,
  type UnsignedRecord,
} from '../../src/audit/record';

describe('canonical JSON', () => {
  test('keys sorted at every depth, no whitespace, undefined members left out', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: 'x' }], c: true }, u: undefined })).toBe(
      '{"a":{"c":true,"d":[3,{"y":"x","z":null}]},"b":1}',
    );
  });

  test('the same value built in a different order gives the same text', () => {
    const one = { principal: 'EMP-1', roles: ['a'], variables: { period: '2025-Q4', limit: 10 } };
    const two = { variables: { limit: 10, period: '2025-Q4' }, roles: ['a'], principal: 'EMP-1' };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(canonicalJson(JSON.parse(canonicalJson(one)))).toBe(canonicalJson(one));
  });

  test('what JSON.stringify leaves out or converts: functions and symbols are null (members left out), toJSON is used', () => {
    expect(canonicalJson(() => 1)).toBe('null');
    expect(canonicalJson(Symbol('s'))).toBe('null');
    expect(canonicalJson({ at: new Date('2025-01-02T03:04:05Z'), f() {}, n: undefined })).toBe(
      '{"at":"2025-01-02T03:04:05.000Z"}',
    );
  });

  test('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/not representable/);
    expect(() => canonicalJson({ x: 1n })).toThrow(/bigint/);
  });
});

function unsigned(over: Partial<UnsignedRecord> = {}): UnsignedRecord {
  const entry: AuditEntry = {
    at: '2025-11-03T08:00:00.000Z',
    requestId: 'r1',
    principal: 'EMP-000001',
    roles: ['analyst'],
    scope: 'all',
    operationName: null,
    documentHash: null,
    variables: null,
    fieldsRequested: [],
    denied: [],
    masked: [],
    indicators: [],
    statements: [],
    rows: 0,
    outcome: 'ok',
    errorCodes: [],
    latencyMs: 5,
    ip: null,
    reason: null,
  };
  return { ...entry, seq: 1, prevHash: GENESIS_HASH, ...over };
}

describe('hashOf', () => {
  test('= sha256(prevHash + canonical JSON of the record without hash)', () => {
    const r = unsigned();
    expect(GENESIS_HASH).toBe('0'.repeat(64));
    expect(hashOf(r)).toBe(sha256Hex(GENESIS_HASH + canonicalJson(r)));
    expect(hashOf({ ...r, hash: 'ignored' } as UnsignedRecord)).toBe(hashOf(r));
  });

  test('every field is covered: seq, prevHash and content', () => {
    const base = hashOf(unsigned());
    expect(hashOf(unsigned({ seq: 2 }))).not.toBe(base);
    expect(hashOf(unsigned({ prevHash: 'f'.repeat(64) }))).not.toBe(base);
    expect(hashOf(unsigned({ principal: 'EMP-000002' }))).not.toBe(base);
    expect(hashOf(unsigned({ variables: { period: '2025' } }))).not.toBe(base);
    expect(hashOf(unsigned({ reason: 'x' }))).not.toBe(base);
  });
});

describe('variable redaction', () => {
  test('sensitive names are redacted, the rest kept', () => {
    expect(redactVariables({ password: 'x', idCardNo: '310101199001011234', period: '2025-Q4' })).toEqual({
      password: '[redacted]',
      idCardNo: '[redacted]',
      period: '2025-Q4',
    });
  });

  test.each([
    'password',
    'clientSecret',
    'accessToken',
    'apiKey',
    'cardNumber',
    'bankAccount',
    'phone',
    'salaryBand',
    'EMAIL',
  ])('%s is redacted', (name) => {
    expect(redactVariables({ [name]: 'value' })).toEqual({ [name]: '[redacted]' });
  });

  test('inside input objects and lists too, whatever the value type', () => {
    expect(
      redactVariables({
        filter: { departmentId: 'D1', contact: { email: 'a@b.c', phone: 123 } },
        people: [{ salary: 5000, name: 'Ann' }],
      }),
    ).toEqual({
      filter: { departmentId: 'D1', contact: { email: '[redacted]', phone: '[redacted]' } },
      people: [{ salary: '[redacted]', name: 'Ann' }],
    });
  });

  test('strings over 200 characters are cut with a marker; long lists keep 100 items', () => {
    const out = redactVariables({
      note: 'é'.repeat(201),
      short: 'y'.repeat(200),
      ids: Array.from({ length: 150 }, (_, i) => i),
    })!;
    expect(out.note).toBe(`${'é'.repeat(200)}…[truncated: 201 chars]`);
    expect(out.short).toBe('y'.repeat(200));
    expect(out.ids).toHaveLength(101);
    expect((out.ids as unknown[])[100]).toBe('…[50 more items]');
  });

  test('no variables → null; "__proto__" stays a plain member', () => {
    expect(redactVariables(undefined)).toBeNull();
    expect(redactVariables({})).toBeNull();
    const out = redactVariables(
      JSON.parse('{"__proto__": {"polluted": true}, "period": "2025"}') as Record<string, unknown>,
    )!;
    expect(Object.keys(out)).toEqual(['__proto__', 'period']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('outcome', () => {
  test.each([
    [[], true, false, 'ok'],
    [[], false, false, 'ok'],
    [[], true, true, 'partial'],
    [['FORBIDDEN'], true, true, 'partial'],
    [['FORBIDDEN', 'FORBIDDEN'], false, true, 'denied'],
    [['FORBIDDEN', 'SOURCE_UNAVAILABLE'], true, true, 'error'],
    [['GRAPHQL_VALIDATION_FAILED'], false, false, 'error'],
    [[undefined], false, false, 'error'],
  ] as const)('%j, data %s, policy denied %s → %s', (codes, data, denied, expected) => {
    expect(outcomeOf(codes, data, denied)).toBe(expected);
  });

  test('some data = a non-null top-level field', () => {
    expect(hasSomeData(undefined)).toBe(false);
    expect(hasSomeData(null)).toBe(false);
    expect(hasSomeData({ secret: null })).toBe(false);
    expect(hasSomeData({ secret: null, departments: [] })).toBe(true);
  });
});

describe('normaliseEntry', () => {
  test('refuses an entry without a valid time or outcome', () => {
    expect(() => normaliseEntry({ ...unsigned(), at: 'soon' })).toThrow(/not a date/);
    expect(() => normaliseEntry({ ...unsigned(), outcome: 'fine' as never })).toThrow(/unknown outcome/);
  });

  test('NUL characters do not reach text columns; long principals are cut', () => {
    const out = normaliseEntry({ ...unsigned(), principal: `a\u0000b${'x'.repeat(300)}` });
    expect(out.principal).not.toContain('\u0000');
    expect(out.principal.startsWith('a\uFFFDb')).toBe(true);
    expect(out.principal).toContain('…[truncated: 303 chars]');
  });
});

describe('fieldsRequested', () => {
  const schema = buildSchema(`
    interface Node { id: ID! }
    type Employee implements Node { id: ID! name: String manager: Employee }
    type Department implements Node { id: ID! name: String employees: [Employee] }
    union Owner = Employee | Department
    type Query { node(id: ID!): Node departments: [Department] owner: Owner }
    type Mutation { touch: Boolean }
  `);
  const fields = (doc: string, op?: string) => fieldsRequested(schema, parse(doc), op);

  test('named fragments (nested), inline fragments, interfaces and unions', () => {
    expect(
      fields(`
        { departments { ...D } node(id: "1") { id ... on Employee { name } } owner { ... on Department { id } } }
        fragment D on Department { name employees { ...E } }
        fragment E on Employee { manager { ...E2 } }
        fragment E2 on Employee { id }
      `),
    ).toEqual([
      'Department.employees',
      'Department.id',
      'Department.name',
      'Employee.id',
      'Employee.manager',
      'Employee.name',
      'Node.id',
      'Query.departments',
      'Query.node',
      'Query.owner',
    ]);
  });

  test('only the operation that runs; __typename and introspection internals left out', () => {
    const doc = `query A { departments { id __typename } } mutation B { touch } query C { __schema { types { name } } }`;
    expect(fields(doc, 'A')).toEqual(['Department.id', 'Query.departments']);
    expect(fields(doc, 'B')).toEqual(['Mutation.touch']);
    expect(fields(doc, 'C')).toEqual(['Query.__schema']);
    expect(fields(doc)).toEqual([]); // ambiguous without a name: nothing runs
  });

  test('invalid documents: unknown fields skipped, fragment cycles followed once', () => {
    expect(fields(`{ departments { nope ...F } } fragment F on Department { name ...F }`)).toEqual([
      'Department.name',
      'Query.departments',
    ]);
    expect(fieldsRequested(schema, undefined)).toEqual([]);
  });
});
