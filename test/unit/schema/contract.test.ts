import { GraphQLEnumType, GraphQLScalarType, buildSchema as buildSdl } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPolicy } from '../../../src/auth/policy';
import { ERROR_CATALOGUE, ERROR_CODES } from '../../../src/error-catalogue';
import { buildSchema } from '../../../src/resolvers/executable-schema';
import { errorTable, withErrorTable } from '../../../src/schema/error-table';
import { DEMO_MODEL, DEMO_MODEL_DIR } from '../../support/demo-model';

/** What clients read from the schema: the ErrorCode enum from the catalogue, scalars with @specifiedBy. */
const policy = loadPolicy(join(DEMO_MODEL_DIR, 'policy.yaml'));
const served = buildSchema(DEMO_MODEL, policy);
const published = buildSdl(readFileSync('schema.graphql', 'utf8'));

test.each([
  ['served', served],
  ['published (schema.graphql)', published],
])('the %s schema lists every catalogued code in ErrorCode, and nothing else', (_name, schema) => {
  const enumType = schema.getType('ErrorCode') as GraphQLEnumType;
  expect(enumType.getValues().map((v) => v.name)).toEqual(ERROR_CODES);
  const forbidden = enumType.getValue('FORBIDDEN')!;
  expect(forbidden.description).toContain(`HTTP ${ERROR_CATALOGUE.FORBIDDEN.status}`);
  for (const code of ['RATE_LIMITED', 'AUDIT_UNAVAILABLE', 'PAYLOAD_TOO_LARGE', 'PERSISTED_QUERY_NOT_FOUND']) {
    expect(enumType.getValue(code)).toBeDefined();
  }
  expect(ERROR_CODES.filter((c) => c.startsWith('GRAPHQL_'))).toEqual([
    'GRAPHQL_PARSE_FAILED',
    'GRAPHQL_VALIDATION_FAILED',
  ]);
});

test.each([
  ['served', served],
  ['published (schema.graphql)', published],
])('in the %s schema Decimal and Date carry @specifiedBy', (_name, schema) => {
  expect((schema.getType('Decimal') as GraphQLScalarType).specifiedByURL).toBe(
    'https://www.w3.org/TR/xmlschema11-2/#decimal',
  );
  expect((schema.getType('Date') as GraphQLScalarType).specifiedByURL).toBe(
    'https://scalars.graphql.org/andimarek/local-date.html',
  );
});

test('the README table is the catalogue, row for row, and fresh', () => {
  const table = errorTable();
  for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
    expect(table).toMatch(new RegExp(`^\\| \`${code}\`[^|]*\\| ${entry.status} \\|`, 'm'));
  }
  const readme = readFileSync('README.md', 'utf8');
  expect(withErrorTable(readme)).toBe(readme);
});
