/**
 * Test-only helper for the Mesh peer's smoke run: seeds the demo company into real PostgreSQL and MariaDB
 * in the MIXED layout the benchmark uses (CRM and HR on PostgreSQL — database hub_sources, one schema per
 * source; ERP and procurement on MariaDB — one database per source) with the hub's own seeding, and returns
 * the peer's connection URLs.
 */
import { generator } from '../../../models/demo/generator';
import { generateCompany } from '../../../models/demo/generator/company';
import { ensureSchema, openConnection } from '../../../src/db/open';
import { seedDemoSource } from '../../../src/seed/demo-source';
import type { PeerSources } from './index';

const PG_DATABASE = 'hub_sources';
const LAYOUT = { crm: 'postgres', erp: 'mysql', hr: 'postgres', procurement: 'mysql' } as const;

export async function seedMixed(pgUrl: string, mysqlUrl: string, scale = 1): Promise<PeerSources & { rows: number }> {
  const company = generateCompany(scale);
  const admin = openConnection({ engine: 'postgres', url: pgUrl, acquireTimeoutMs: 30_000 }, 'public');
  await admin.knex.raw('drop database if exists ?? with (force)', [PG_DATABASE]);
  await admin.knex.raw('create database ??', [PG_DATABASE]);
  await admin.close();
  const pgSources = new URL(pgUrl);
  pgSources.pathname = `/${PG_DATABASE}`;
  const urls: Record<string, string> = {};
  let rows = 0;
  await Promise.all(
    (Object.keys(LAYOUT) as Array<keyof typeof LAYOUT>).map(async (name) => {
      const engine = LAYOUT[name];
      const url = engine === 'postgres' ? pgSources.toString() : mysqlUrl;
      const conn = openConnection(
        { engine, url, schema: name, pool: { min: 0, max: 2 }, acquireTimeoutMs: 30_000 },
        name,
      );
      try {
        await ensureSchema(conn);
        rows += await seedDemoSource(generator.sources[name], conn, company);
      } finally {
        await conn.close();
      }
      if (engine === 'postgres') {
        const u = new URL(pgSources);
        // As bench/lib/peer.ts builds them: libpq options plus schema=.
        u.searchParams.set('options', `-c search_path=${name}`);
        u.searchParams.set('schema', name);
        urls[name] = u.toString();
      } else {
        const u = new URL(mysqlUrl);
        u.pathname = `/${name}`;
        urls[name] = u.toString();
      }
    }),
  );
  return { crm: urls.crm!, erp: urls.erp!, hr: urls.hr!, procurement: urls.procurement!, rows };
}
