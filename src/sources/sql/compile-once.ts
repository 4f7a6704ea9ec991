import type { Knex } from 'knex';

/**
 * Compiles a query builder once and pins that compilation to it: knex compiles a builder again every time
 * it is asked (`toSQL()`), and running it asks once more — so a statement whose text is read first (for
 * its fingerprint) was built twice, walking every clause and positioning every binding again. Call after
 * the last change to the builder (timeout included: the compiled statement carries it); the builder then
 * runs exactly the statement returned.
 */
export function compileOnce(builder: Knex.QueryBuilder): Knex.Sql {
  const compiled = builder.toSQL();
  (builder as { toSQL: () => Knex.Sql }).toSQL = () => compiled;
  return compiled;
}
