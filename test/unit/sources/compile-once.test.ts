import knex from 'knex';
import { compileOnce } from '../../../src/sources/sql/compile-once';
import { fingerprintOf } from '../../../src/sources/sql/adapter';

/**
 * A statement is compiled once: the text its fingerprint is read from is the text that runs (knex compiles a
 * builder again on every toSQL(), and running it asks once more). No database: knex compiles offline.
 */
describe('compileOnce', () => {
  const db = knex({ client: 'pg' });
  afterAll(() => db.destroy());

  test('pins the compilation: the builder answers the same statement, without compiling again', () => {
    const builder = db('orders')
      .select('region')
      .sum({ total: 'amount' })
      .whereIn('region', ['n', 's'])
      .groupBy('region');
    builder.timeout(5000, { cancel: true });
    const expected = db('orders')
      .select('region')
      .sum({ total: 'amount' })
      .whereIn('region', ['n', 's'])
      .groupBy('region')
      .toSQL();
    const compiler = jest.spyOn(db.client, 'queryCompiler');
    const compiled = compileOnce(builder);
    expect(compiler).toHaveBeenCalledTimes(1);
    expect(compiled.sql).toBe(expected.sql);
    expect(compiled.bindings).toEqual(['n', 's']);
    // The timeout set before is part of what runs.
    expect(compiled).toMatchObject({ timeout: 5000, cancelOnTimeout: true });
    expect(builder.toSQL()).toBe(compiled);
    expect(builder.toSQL()).toBe(compiled);
    expect(compiler).toHaveBeenCalledTimes(1);
    compiler.mockRestore();
  });

  test('other builders still compile for themselves', () => {
    const a = db('orders').where('id', 1);
    const b = db('orders').where('id', 2);
    compileOnce(a);
    expect(b.toSQL().bindings).toEqual([2]);
    expect(a.toSQL().bindings).toEqual([1]);
  });
});

describe('fingerprintOf (remembered per statement text)', () => {
  test('the same text gives the same fingerprint; IN lists of any length share one; other shapes differ', () => {
    const one = 'select sum(x) from t where k in (?) and d >= ?';
    const three = 'select sum(x) from t where k in (?, ?, ?) and d >= ?';
    expect(fingerprintOf(one)).toMatch(/^[0-9a-f]{12}$/);
    expect(fingerprintOf(one)).toBe(fingerprintOf(one));
    expect(fingerprintOf(three)).toBe(fingerprintOf(one));
    expect(fingerprintOf('select sum(y) from t where k in (?) and d >= ?')).not.toBe(fingerprintOf(one));
  });
});
