import { generator, type DemoSource as SourceName } from '../../models/demo/generator';
import { generateCompany } from '../../models/demo/generator/company';
import { join } from 'node:path';
import { loadModel } from '../../src/model/load';
import { openConnection, type ConnectionSettings } from '../../src/db/open';
import { seedCompany } from '../../src/seed/seed-company';
import { HubStore } from '../../src/store/hub-store';

/** Where the benchmark's sources live: the hub's MIXED layout (CRM and HR on PostgreSQL, ERP and procurement on MariaDB). */
export const LAYOUT: Record<SourceName, 'postgres' | 'mysql'> = {
  crm: 'postgres',
  erp: 'mysql',
  hr: 'postgres',
  procurement: 'mysql',
};
export const PG_DATABASE = 'hub_sources';

export interface BenchDatabases {
  pgUrl: string;
  mysqlUrl: string;
}

/** postgres://…/postgres → postgres://…/hub_sources */
export function pgSourcesUrl(db: BenchDatabases): string {
  const url = new URL(db.pgUrl);
  url.pathname = `/${PG_DATABASE}`;
  return url.toString();
}

/** Connection settings of one source in the benchmark layout (one schema per source on PostgreSQL, one database per source on MariaDB). */
export function sourceSettings(db: BenchDatabases, source: SourceName): ConnectionSettings {
  return LAYOUT[source] === 'postgres'
    ? { engine: 'postgres', url: pgSourcesUrl(db), schema: source, acquireTimeoutMs: 60_000 }
    : { engine: 'mysql', url: db.mysqlUrl, schema: source, acquireTimeoutMs: 60_000 };
}

export interface SeedTiming {
  scale: number;
  departments: number;
  employees: number;
  customers: number;
  rows: number;
  /** Fact rows (orders, invoices, receipts, payslips, expenses, budgets, purchase orders and their lines…). */
  rowsBySource: Record<string, number>;
  generateMs: number;
  loadMs: number;
  /** Hub ids of every department, in order, and one CRM sales team (the point workload's department). */
  departmentIds: string[];
  salesTeam: string;
}

/**
 * The demo company at `scale` into PostgreSQL (database hub_sources, a schema per source, schema "hub"
 * for the store with the loaded crosswalk pairs) and MariaDB (a database per source), replacing whatever was there.
 * Sources load in parallel; each source's tables in one transaction per table.
 */
export async function seedScale(db: BenchDatabases, scale: number): Promise<SeedTiming> {
  const t0 = performance.now();
  const company = generateCompany(scale);
  const generateMs = performance.now() - t0;

  const admin = openConnection({ engine: 'postgres', url: db.pgUrl, acquireTimeoutMs: 30_000 }, 'public');
  await admin.knex.raw('drop database if exists ?? with (force)', [PG_DATABASE]);
  await admin.knex.raw('create database ??', [PG_DATABASE]);
  await admin.close();

  const t1 = performance.now();
  const store = new HubStore(
    openConnection({ engine: 'postgres', url: pgSourcesUrl(db), schema: 'hub', acquireTimeoutMs: 30_000 }, 'hub'),
  );
  await store.migrate();
  const model = loadModel(join(__dirname, '..', '..', 'models', 'demo'));
  const rowsBySource = await seedCompany({
    generator,
    company,
    connect: (name) => openConnection(sourceSettings(db, name as SourceName), name),
    // Fresh statistics, so the planner sees the loaded sizes (as a production database would).
    afterLoad: async (_name, conn) => {
      if (conn.dialect.name === 'postgres') await conn.knex.raw('analyze');
    },
    parallel: true,
    store: { model, store },
  });
  await store.close();
  const loadMs = performance.now() - t1;
  return {
    scale,
    departments: company.departments.length,
    employees: company.employees.length,
    customers: company.customers.length,
    rows: Object.values(rowsBySource).reduce((a, b) => a + b, 0),
    rowsBySource,
    generateMs: Math.round(generateMs),
    loadMs: Math.round(loadMs),
    departmentIds: company.departments.map((d) => d.id),
    salesTeam: company.departments.find((d) => d.teamCode !== null)!.id,
  };
}
