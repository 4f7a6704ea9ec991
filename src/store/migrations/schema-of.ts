import type { SqlConnection } from '../../db/connection';

/** A fresh schema builder per statement (knex builders accumulate calls), in the store's schema. */
export function schemaOf(conn: SqlConnection) {
  return () => (conn.schema ? conn.knex.schema.withSchema(conn.schema) : conn.knex.schema);
}
