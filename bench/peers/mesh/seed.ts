/**
 * Test-only helper for the Mesh peer's smoke run: seeds the demo company into real PostgreSQL and MariaDB
 * in the MIXED layout the benchmark uses (CRM and HR on PostgreSQL — database hub_sources, one schema per
 * source; ERP and procurement on MariaDB — one database per source) with the hub's own seeding, and returns
 * the peer's connection URLs.
 */
import { generator } from '../../../models/demo/generator';
import { generateCompany } from '../../../models/demo/generator/company';
import { openConnection } from '../../../src/db/open';
import { seedCompany } from '../../../src/seed/seed-company';
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
  const names = Object.keys(LAYOUT) as Array<keyof typeof LAYOUT>;
  const urlOf = (name: keyof typeof LAYOUT) => (LAYOUT[name] === 'postgres' ? pgSources.toString() : mysqlUrl);
  const loaded = await seedCompany({
    generator,
    company,
    connect: (name) => {
      const source = name as keyof typeof LAYOUT;
      const settings = { engine: LAYOUT[source], url: urlOf(source), schema: name, acquireTimeoutMs: 30_000 };
      return openConnection({ ...settings, pool: { min: 0, max: 2 } }, name);
    },
    parallel: true,
  });
  const rows = Object.values(loaded).reduce((a, b) => a + b, 0);
  const urls: Record<string, string> = {};
  for (const name of names) {
    if (LAYOUT[name] === 'postgres') {
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
  }
  return { crm: urls.crm!, erp: urls.erp!, hr: urls.hr!, procurement: urls.procurement!, rows };
}
