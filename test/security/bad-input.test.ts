import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../../src/errors';
import { indicatorSchema } from '../../src/indicators/definition';
import { indicatorOf } from '../../src/indicators/dictionary';
import { MAX_FORMULA_NESTING, MAX_FORMULA_TERMS } from '../../src/indicators/formula';
import { parseDefinitions } from '../../src/indicators/load';
import { SUPPORTED_YEARS } from '../../src/values/period';
import { ALL_EMBEDDED } from '../support/engines';
import { authHeaders, EXECUTIVE, startTestHub, type GraphQLResponse, type TestHub } from '../support/hub-client';
import { thrown } from '../unit/thrown';

/**
 * Issue 12, finding 7 (this part), as it was found: a formula with 4,600 nested parentheses overflowed the
 * stack (an internal error), a variable with a NUL byte or over 10,000 characters came back as HTTP 500
 * carrying BAD_USER_INPUT, and period "0001" got a misleading answer. Each is now a client error with a
 * code — 400 when the request is refused before execution; a field error (HTTP 200, as GraphQL over HTTP
 * requires when `data` is present) with BAD_USER_INPUT otherwise — and the hub keeps serving.
 */
const ANALYST = 'EMP-000271'; // finance_analyst: proposes finance definitions
const LEAKS = [/at .+\.ts:\d+/, /stack/i, /RangeError/, /Internal error/];
const GROSS_PROFIT = readFileSync('models/demo/indicators/finance/gross_profit.yaml', 'utf8');
const parens = (n: number) => `${'('.repeat(n)}invoiced_revenue${')'.repeat(n)} - cogs`;
const chain = (n: number) => Array.from({ length: n }, () => 'cogs').join(' + ');
const withFormula = (code: string, formula: string) =>
  GROSS_PROFIT.replace('code: gross_profit', `code: ${code}`).replace(
    'formula: invoiced_revenue - cogs',
    `formula: "${formula}"`,
  );

function expectClientError(res: GraphQLResponse, code: string): NonNullable<GraphQLResponse['errors']>[number] {
  expect(res.status).toBeLessThan(500);
  expect(res.errors?.map((e) => e.extensions?.code)).toEqual([code]);
  for (const leak of LEAKS) expect(res.raw).not.toMatch(leak);
  return res.errors![0]!;
}

describe('bad input through the API', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub(ALL_EMBEDDED, { server: { bodyLimitBytes: 2_000_000 } });
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  afterEach(async () => {
    // Still serving after each refusal.
    expect((await fetch(`${hub.origin}/healthz`)).status).toBe(200);
    expect((await hub.query('{ me { principal } }')).status).toBe(200);
  });

  const propose = (code: string, formula: string) =>
    hub.query(
      'mutation($i: ProposeIndicatorChange!) { proposeIndicatorChange(input: $i) { id revision } }',
      { i: { code, kind: 'CREATE', definition: withFormula(code, formula), reason: 'finding 7' } },
      ANALYST,
    );

  test.each([
    ['4,600 nested parentheses (as found)', parens(4600), 'formulaNesting', MAX_FORMULA_NESTING],
    ['one level over the bound', parens(MAX_FORMULA_NESTING + 1), 'formulaNesting', MAX_FORMULA_NESTING],
    ['a chain of more operands than the bound', chain(MAX_FORMULA_TERMS + 1), 'formulaTerms', MAX_FORMULA_TERMS],
  ])(
    'proposing a formula with %s → BAD_USER_INPUT, INVALID_DEFINITION naming the limit',
    async (_name, formula, limit, max) => {
      const error = expectClientError(await propose('gp_nested', formula), 'BAD_USER_INPUT');
      expect(error.extensions).toMatchObject({ argument: 'definition', reason: 'INVALID_DEFINITION', limit, max });
      expect(error.message).toContain(String(max));
    },
  );

  test('a malformed formula is a coded error too (it was an internal error)', async () => {
    const error = expectClientError(await propose('gp_malformed', 'invoiced_revenue +'), 'BAD_USER_INPUT');
    expect(error.message).toContain('the formula ends too early');
  });

  test('editing a draft into a deeply nested formula is refused the same way, and the bound itself passes', async () => {
    const created = await propose('gp_bounded', parens(MAX_FORMULA_NESTING));
    expect(created.errors).toBeUndefined();
    const { id, revision } = (created.data as { proposeIndicatorChange: { id: string; revision: number } })
      .proposeIndicatorChange;
    const edited = await hub.query(
      'mutation($id: ID!, $r: Int!, $d: String) { editIndicatorChange(id: $id, expectedRevision: $r, definition: $d) { id } }',
      { id, r: revision, d: withFormula('gp_bounded', parens(4600)) },
      ANALYST,
    );
    expect(expectClientError(edited, 'BAD_USER_INPUT').extensions).toMatchObject({
      reason: 'INVALID_DEFINITION',
      limit: 'formulaNesting',
    });
  });

  test.each([
    ['a NUL byte (as found)', { s: 'rev\u0000enue' }, /Variable \$s contains a NUL character/],
    [
      '10,001 characters (as found)',
      { s: 'x'.repeat(10_001) },
      /Variable \$s is 10001 characters long; at most 10000 are accepted/,
    ],
    [
      'a NUL byte inside an input object',
      { i: { code: 'x', kind: 'CREATE', reason: 'a\u0000b' } },
      /Variable \$i\.reason contains a NUL character/,
    ],
  ])('a variable with %s → HTTP 400, BAD_USER_INPUT, no statement', async (_name, variables, message) => {
    const query =
      's' in variables
        ? 'query($s: String) { indicators(search: $s) { code } }'
        : 'mutation($i: ProposeIndicatorChange!) { proposeIndicatorChange(input: $i) { id } }';
    const res = await hub.query(query, variables);
    expect(res.status).toBe(400);
    expect(expectClientError(res, 'BAD_USER_INPUT').message).toMatch(message);
    expect(res.extensions?.trace?.statements ?? 0).toBe(0);
  });

  test('a variable nested 100,000 lists deep (a stack overflow in the variable check) → HTTP 400, BAD_USER_INPUT', async () => {
    const body = `{"query":"query($s: String) { indicators(search: $s) { code } }","variables":{"s":${'['.repeat(100_000)}1${']'.repeat(100_000)}}}`;
    const res = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await authHeaders(EXECUTIVE)) },
      body,
    });
    const raw = await res.text();
    expect(res.status).toBe(400);
    expect(JSON.parse(raw).errors[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringMatching(/more than 32 levels deep/),
    });
  });

  const outOfRange = ['0001', '0000', '1899-12', '3000-Q1', '9999', 'FY0001'];
  const malformed = ['2025-13', '2025-Q5', '2025-W54', '0001-13'];
  test.each([...outOfRange.map((p) => [p, 'outside']), ...malformed.map((p) => [p, 'malformed'])])(
    'period %j (%s) → BAD_USER_INPUT naming the forms and the supported years',
    async (period, kind) => {
      for (const query of [
        `{ departments(limit: 1) { revenue(period: "${period}") } }`,
        `{ indicatorValues(codes: ["gross_profit"], from: "${period}", grain: MONTH) { rows { cells { value } } } }`,
      ]) {
        const error = expectClientError(await hub.query(query), 'BAD_USER_INPUT');
        expect(error.extensions).toMatchObject({ argument: 'period' });
        expect(error.message).toContain('YYYY, YYYY-Qn (n = 1–4), YYYY-MM (01–12)');
        expect(error.message).toContain(
          kind === 'outside'
            ? `outside the supported years ${SUPPORTED_YEARS.min}–${SUPPORTED_YEARS.max}`
            : `with a year from ${SUPPORTED_YEARS.min} to ${SUPPORTED_YEARS.max}`,
        );
      }
    },
  );
});

describe('every place a formula is parsed bounds its nesting', () => {
  const definition = (formula: string) => indicatorSchema.parse(parseYaml(withFormula('gp_nested', formula)));

  test('import and start-up (indicator files) → a ConfigError naming the file, the indicator and the limit', () => {
    const error = thrown(() => parseDefinitions(withFormula('gp_nested', parens(4600)), 'finance/gp_nested.yaml'));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(
      new RegExp(
        `^Indicator file finance/gp_nested.yaml \\(gp_nested\\): formula ".{80}…": parentheses and unary minus nested more than ${MAX_FORMULA_NESTING} deep`,
      ),
    );
  });

  test('evaluation of a stored draft or version (indicatorOf) → BAD_USER_INPUT, never an overflow', () => {
    const error = thrown(() =>
      indicatorOf(definition(parens(100_000)), {
        file: 'change #1',
        version: 'draft #1',
        versionNumber: null,
        status: 'draft',
      }),
    );
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_DEFINITION',
      limit: 'formulaNesting',
      max: MAX_FORMULA_NESTING,
    });
  });
});
