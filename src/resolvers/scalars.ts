import { GraphQLScalarType, Kind, print } from 'graphql';
import { badInput } from '../errors';

const DECIMAL = /^-?\d{1,30}(\.\d{1,12})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function stringScalar(
  name: string,
  description: string,
  specifiedByURL: string,
  valid: (s: string) => boolean,
  expected: string,
) {
  const refuse = (received: string) => badInput(`${name} expected ${expected}, received ${received}.`);
  const parse = (value: unknown): string => {
    if (typeof value === 'string' && valid(value)) return value;
    throw refuse(JSON.stringify(value) ?? String(value));
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    specifiedByURL,
    serialize: (value) => String(value),
    parseValue: parse,
    parseLiteral: (ast) => {
      if (ast.kind === Kind.STRING) return parse(ast.value);
      throw refuse(`the unquoted literal ${print(ast)}`);
    },
  });
}

export const DecimalScalar = stringScalar(
  'Decimal',
  'Exact decimal as a string',
  'https://www.w3.org/TR/xmlschema11-2/#decimal',
  (s) => DECIMAL.test(s),
  'a decimal string such as "1234.50"',
);
export const DateScalar = stringScalar(
  'Date',
  'ISO 8601 calendar date',
  'https://scalars.graphql.org/andimarek/local-date.html',
  (s) =>
    DATE.test(s) &&
    !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
    new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
  'a date as "YYYY-MM-DD"',
);
