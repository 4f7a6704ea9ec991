import { randomBytes } from 'node:crypto';
import { openConnection } from '../../src/db/open';
import { HubStore } from '../../src/store/hub-store';
import { pgSourcesUrl } from './engines';

/**
 * A hub store of its own on the test PostgreSQL (a fresh schema with the shared key map copied in), for
 * tests that change what the store holds — indicator definitions — without touching other suites' store.
 */
export async function isolatedPostgresStore(): Promise<{ overrides: Record<string, unknown>; drop(): Promise<void> }> {
  const schema = `hub_${randomBytes(5).toString('hex')}`;
  const settings = { engine: 'postgres' as const, url: pgSourcesUrl(), schema, acquireTimeoutMs: 30_000 };
  const store = new HubStore(openConnection(settings, 'hub'));
  await store.migrate();
  await store.conn.knex.raw('insert into ??.key_map select * from hub.key_map', [schema]);
  await store.close();
  return {
    overrides: { store: { engine: 'postgres', url: settings.url, schema } },
    async drop() {
      const admin = openConnection({ ...settings, schema: undefined }, 'hub');
      await admin.knex.raw('drop schema if exists ?? cascade', [schema]);
      await admin.close();
    },
  };
}
