import { GraphQLScalarType, Kind } from 'graphql';
import { badInput } from '../errors';

const DECIMAL = /^-?\d{1,30}(\.\d{1,12})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function stringScalar(name: string, description: string, valid: (s: string) => boolean, expected: string) {
  const parse = (value: unknown): string => {
    if (typeof value === 'string' && valid(value)) return value;
    throw badInput(`${name} expected ${expected}, received ${JSON.stringify(value)}.`);
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: (value) => String(value),
    parseValue: parse,
    parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
  });
}

export const DecimalScalar = stringScalar('Decimal', 'Exact decimal as a string', (s) => DECIMAL.test(s), 'a decimal string such as "1234.50"');
export const DateScalar = stringScalar(
  'Date',
  'ISO 8601 calendar date',
  (s) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
  'a date as "YYYY-MM-DD"',
);
