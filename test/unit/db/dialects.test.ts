import { sourceConfigSchema } from '../../../src/config/schema';
import { DIALECTS, dialectOf } from '../../../src/db/dialects';
import { openConnection } from '../../../src/db/open';

/** The dialect registry (src/db/dialects): a literal map from an engine's configured name to its dialect. */
describe('the dialect registry', () => {
  test('maps each engine name to its dialect, named alike', () => {
    expect(Object.keys(DIALECTS).sort()).toEqual(['embedded', 'mysql', 'postgres']);
    for (const [name, dialect] of Object.entries(DIALECTS)) expect(dialectOf(name)).toBe(dialect);
    for (const [name, dialect] of Object.entries(DIALECTS)) expect(dialect.name).toBe(name);
  });

  test.each(['oracle', 'pg', 'Postgres', 'toString', '__proto__', ''])(
    'an unknown engine %j is refused, naming the known ones',
    (name) => {
      expect(() => dialectOf(name)).toThrow(
        `Unknown database engine "${name}": expected one of postgres, mysql, embedded`,
      );
      expect(() => openConnection({ engine: name as never, url: 'postgres://hub@127.0.0.1:1/x' }, 'x')).toThrow(
        `Unknown database engine "${name}"`,
      );
    },
  );

  test('the configuration accepts exactly the engines of the registry', () => {
    for (const engine of Object.keys(DIALECTS))
      expect(sourceConfigSchema.safeParse({ engine, url: 'postgres://h/d' }).success).toBe(true);
    expect(sourceConfigSchema.safeParse({ engine: 'oracle', url: 'postgres://h/d' }).success).toBe(false);
  });

  test('only the embedded engine runs in the process; only MariaDB compares column names case-insensitively', () => {
    expect(
      Object.values(DIALECTS)
        .filter((d) => d.inProcess)
        .map((d) => d.name),
    ).toEqual(['embedded']);
    expect(
      Object.values(DIALECTS)
        .filter((d) => d.columnsCaseInsensitive)
        .map((d) => d.name),
    ).toEqual(['mysql']);
  });

  test.each([
    ['postgres', { code: '57014' }, 'timeout'],
    ['embedded', { code: '57014' }, 'timeout'],
    ['mysql', { errno: 1969, code: 'ER_STATEMENT_TIMEOUT' }, 'timeout'],
    ['postgres', { name: 'KnexTimeoutError', timeout: 1300 }, 'timeout'],
    ['mysql', { name: 'KnexTimeoutError', timeout: 1300 }, 'timeout'],
    ['postgres', { code: 'ECONNREFUSED' }, 'transient'],
    ['postgres', { code: '57P01' }, 'transient'],
    ['mysql', { code: 'PROTOCOL_CONNECTION_LOST' }, 'transient'],
    ['postgres', { code: '23505' }, 'unique-violation'],
    ['mysql', { errno: 1062, code: 'ER_DUP_ENTRY' }, 'unique-violation'],
    ['postgres', { code: '42P07' }, 'already-exists'],
    ['postgres', { code: '42P01' }, 'other'],
    ['mysql', { errno: 1146 }, 'other'],
    ['postgres', new Error('Unable to acquire a connection'), 'other'],
  ] as const)('%s classifies %j as %s', (engine, error, failure) => {
    expect(DIALECTS[engine].classify(error)).toBe(failure);
  });

  test('exact decimals: PostgreSQL casts to numeric (unconstrained without a scale), MariaDB to decimal', () => {
    expect(DIALECTS.postgres.exactDecimal('x', undefined)).toBe('cast(x as numeric)');
    expect(DIALECTS.postgres.exactDecimal('x', 2)).toBe('cast(x as numeric(38, 2))');
    expect(DIALECTS.embedded.exactDecimal('x', 2)).toBe('cast(x as numeric(38, 2))');
    expect(DIALECTS.mysql.exactDecimal('x', undefined)).toBe('x');
    expect(DIALECTS.mysql.exactDecimal('x', 4)).toBe('cast(x as decimal(38, 4))');
  });
});
