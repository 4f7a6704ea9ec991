import { GraphQLError, parseValue as parseLiteralText, type GraphQLScalarType } from 'graphql';
import { Decimal } from '../../../src/values/decimal';
import { DateScalar, DecimalScalar } from '../../../src/resolvers/scalars';
import { thrown } from '../thrown';

const SCALARS: Record<string, GraphQLScalarType> = { Decimal: DecimalScalar, Date: DateScalar };

/** The same value arriving as a variable (parseValue) and written in the query text (parseLiteral). */
const ways: Array<[string, (scalar: GraphQLScalarType, value: unknown) => unknown]> = [
  ['variable', (scalar, value) => scalar.parseValue(value)],
  ['literal', (scalar, value) => scalar.parseLiteral(parseLiteralText(JSON.stringify(value)), undefined)],
];

describe.each(ways)('as a %s', (_way, parse) => {
  test.each([
    ['Decimal', '1234.50'],
    ['Decimal', '-0.5'],
    ['Decimal', '42'],
    ['Decimal', '123456789012345678901234567890.123456789012'],
    ['Date', '2025-01-01'],
    ['Date', '2024-02-29'],
    ['Date', '2025-12-31'],
  ])('%s accepts %j', (name, value) => {
    expect(parse(SCALARS[name]!, value)).toBe(value);
  });

  test.each<[string, unknown]>([
    ['Decimal', '1e5'],
    ['Decimal', '12.'],
    ['Decimal', '.5'],
    ['Decimal', '1,000.00'],
    ['Decimal', 'abc'],
    ['Decimal', ''],
    ['Decimal', 12.5],
    ['Decimal', 12],
    ['Decimal', '1.1234567890123'], // more than 12 places
    ['Date', '2025-02-30'],
    ['Date', '2025-02-29'],
    ['Date', '2025-13-01'],
    ['Date', '2025-1-1'],
    ['Date', '20250101'],
    ['Date', '2025-01-01T00:00:00Z'],
    ['Date', 20250101],
    ['Date', true],
  ])('%s refuses %j with BAD_USER_INPUT, saying what arrived', (name, value) => {
    const error = thrown(() => parse(SCALARS[name]!, value));
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(new RegExp(`^${name} expected .+, received `));
    expect(error.message).toContain(`${JSON.stringify(value)}.`);
  });
});

test('the message says what was expected and what arrived', () => {
  expect(thrown(() => DateScalar.parseValue('2025-02-30')).message).toBe(
    'Date expected a date as "YYYY-MM-DD", received "2025-02-30".',
  );
});

test('a number written unquoted in the query is refused by name, not as "undefined"', () => {
  expect(thrown(() => DecimalScalar.parseLiteral(parseLiteralText('12.5'), undefined)).message).toBe(
    'Decimal expected a decimal string such as "1234.50", received the unquoted literal 12.5.',
  );
});

test('Decimal serialises a Decimal exactly, keeping its places', () => {
  expect(DecimalScalar.serialize(Decimal.of('1234.50'))).toBe('1234.50');
});
