import { randomBytes } from 'node:crypto';
import { openConnection } from '../../src/db/open';
import type { SqlConnection } from '../../src/db/connection';
import { MIXED, pgSourcesUrl, serverUrl } from '../support/engines';
import { startTestHub, type TestHub } from '../support/hub-client';
import { isolatedPostgresStore } from '../support/isolated-store';
import { copyDemoModel, type ModelCopy } from '../support/model-copy';

/**
 * A new entity and a new source added by files alone: a small warehouse system (stock movements) is
 * created with direct SQL on the test PostgreSQL or MariaDB, the demo's model directory is copied, and
 * entities/Warehouse.yaml, entities/StockMovement.yaml, sources/warehouse.yaml (url: ${WAREHOUSE_URL})
 * and one indicator over the new fact are added — no TypeScript. The hub started on that directory
 * answers the indicator by warehouse and month with the values SQL computes on the warehouse database.
 */
const ENGINES = ['postgres', 'mysql'] as const;
type Engine = (typeof ENGINES)[number];

const WAREHOUSES = [
  ['WH-N', 'North hub', 'Tianjin'],
  ['WH-S', 'South hub', 'Guangzhou'],
  ['WH-W', 'West depot', 'Chengdu'],
] as const;

/** Deterministic movements over 2025-01..2025-03 (receipts positive, issues negative). */
const MOVEMENTS = Array.from({ length: 60 }, (_, i) => ({
  id: i + 1,
  item: `SKU-${(i * 7) % 11}`,
  warehouse: WAREHOUSES[Math.floor(i / 3) % 3]![0],
  quantity: ((i * 37) % 90) - 30,
  moved_on: `2025-0${1 + (i % 3)}-${String(1 + ((i * 13) % 28)).padStart(2, '0')}`,
}));

const ENTITY_FILES = {
  'entities/Warehouse.yaml': `name: Warehouse
description: A warehouse of the logistics system.
home: warehouse
key: { type: string }
list: warehouses
fields:
  name: { type: string }
  city: { type: string }
relations:
  movements: { entity: StockMovement, via: warehouse, paged: true }
`,
  'entities/StockMovement.yaml': `name: StockMovement
description: Goods received (positive) or issued (negative) at a warehouse.
home: warehouse
key: { type: int }
fields:
  item: { type: string }
  warehouse: { ref: Warehouse }
  quantity: { type: int }
  movedOn: { type: date }
`,
  'indicators/procurement/stock_moved.yaml': `code: stock_moved
name: { zh: 库存净变动, en: Net stock movement }
definition: >-
  Units received minus units issued at a warehouse in the period (by movement date).
owner: { unit: D0029, person: EMP-000334 }
domain: procurement
unit: count
format: integer
direction: neutral
type: simple
measure: { source: warehouse, fact: movements, measure: quantityMoved }
dimensions: [warehouse]
additivity: additive
tags: [logistics]
`,
};

function sourceFile(engine: Engine, database: string): string {
  // PostgreSQL: a schema of the test database; MariaDB: the database named in the URL.
  const connection =
    engine === 'postgres'
      ? `{ engine: postgres, url: "\${WAREHOUSE_URL}", schema: ${database} }`
      : '{ engine: mysql, url: "${WAREHOUSE_URL}" }';
  return `name: warehouse
description: "Logistics: warehouses and stock movements"
connection: ${connection}
entities:
  Warehouse:
    table: warehouse
    key: code
    fields: { name: wh_name, city: city }
  StockMovement:
    table: stock_movement
    key: id
    fields: { item: item, warehouse: warehouse, quantity: quantity, movedOn: moved_on }
facts:
  movements:
    table: stock_movement
    time: { column: moved_on }
    dimensions:
      warehouse: { column: warehouse, entity: Warehouse }
      item: { column: item }
    measures:
      quantityMoved: { agg: sum, column: quantity, type: int }
      movementCount: { agg: count, type: int }
`;
}

/** Creates the warehouse system with plain SQL; returns its URL and a connection for the oracle. */
async function createWarehouseSystem(
  engine: Engine,
  database: string,
): Promise<{ url: string; conn: SqlConnection; drop(): Promise<void> }> {
  const url = engine === 'postgres' ? pgSourcesUrl() : `${serverUrl('mysql')}/${database}`;
  const admin = openConnection(
    { engine, url: engine === 'postgres' ? url : serverUrl('mysql'), acquireTimeoutMs: 30_000 },
    database,
  );
  await admin.knex.raw(engine === 'postgres' ? `create schema ${database}` : `create database ${database}`);
  const t = (name: string) => `${database}.${name}`;
  await admin.knex.raw(
    `create table ${t('warehouse')} (code varchar(8) primary key, wh_name varchar(80) not null, city varchar(40))`,
  );
  await admin.knex.raw(
    `create table ${t('stock_movement')} (id integer primary key, item varchar(20) not null, warehouse varchar(8) not null references ${t('warehouse')} (code), quantity integer not null, moved_on date not null)`,
  );
  for (const [code, name, city] of WAREHOUSES)
    await admin.knex.raw(`insert into ${t('warehouse')} values (?, ?, ?)`, [code, name, city]);
  for (const m of MOVEMENTS)
    await admin.knex.raw(`insert into ${t('stock_movement')} values (?, ?, ?, ?, ?)`, [
      m.id,
      m.item,
      m.warehouse,
      m.quantity,
      m.moved_on,
    ]);
  return {
    url,
    conn: admin,
    async drop() {
      await admin.knex.raw(engine === 'postgres' ? `drop schema ${database} cascade` : `drop database ${database}`);
      await admin.close();
    },
  };
}

describe.each(ENGINES)('a new entity and a new source by files alone, on %s', (engine) => {
  const database = `warehouse_${randomBytes(4).toString('hex')}`;
  let system: Awaited<ReturnType<typeof createWarehouseSystem>>;
  let store: Awaited<ReturnType<typeof isolatedPostgresStore>>;
  let copy: ModelCopy;
  let hub: TestHub;

  beforeAll(async () => {
    system = await createWarehouseSystem(engine, database);
    copy = copyDemoModel();
    for (const [file, text] of Object.entries(ENTITY_FILES)) copy.write(file, text);
    copy.write('sources/warehouse.yaml', sourceFile(engine, database));
    copy.edit(
      'policy.yaml',
      '  Supplier.*: { "*": allow }',
      '  Supplier.*: { "*": allow }\n  Warehouse.*: { "*": allow }\n  StockMovement.*: { "*": allow }',
    );
    store = await isolatedPostgresStore();
    hub = await startTestHub(
      MIXED,
      { ...store.overrides, model: { dir: copy.dir }, sources: { warehouse: { acquireTimeoutMs: 30_000 } } },
      { WAREHOUSE_URL: system.url },
    );
  });
  afterAll(async () => {
    await hub?.dispose();
    await store?.drop();
    await system?.drop();
    copy?.dispose();
  });

  test('the model holds the new entities, served by the new source', () => {
    expect(hub.runtime.model.entities.Warehouse?.home).toBe('warehouse');
    expect(Object.keys(hub.runtime.model.entities.StockMovement?.fields ?? {}).sort()).toEqual([
      'item',
      'movedOn',
      'quantity',
      'warehouse',
    ]);
    expect([...hub.runtime.adapters.keys()]).toContain('warehouse');
  });

  test('the schema has the new type (introspection)', async () => {
    const res = await hub.query<{ __type: { name: string; fields: Array<{ name: string }> } | null }>(
      `{ __type(name: "Warehouse") { name fields { name } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.__type?.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['id', 'name', 'city']));
  });

  test('indicatorValues by warehouse and month equals SQL on the warehouse database', async () => {
    const res = await hub.query<{
      indicatorValues: {
        rows: Array<{
          period: string;
          member: { id: string } | null;
          cells: Array<{ code: string; value: string | null }>;
        }>;
      };
    }>(
      `{ indicatorValues(codes: ["stock_moved"], from: "2025-01", to: "2025-03", grain: MONTH, groupBy: "warehouse") { rows { period member { id } cells { code value } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const actual = new Map<string, number>();
    for (const row of res.data!.indicatorValues.rows) {
      for (const cell of row.cells)
        if (cell.value !== null) actual.set(`${row.period} ${row.member!.id}`, Number(cell.value));
    }
    const sql =
      engine === 'postgres'
        ? `select to_char(moved_on, 'YYYY-MM') as p, warehouse as k, sum(quantity) as v from ${database}.stock_movement group by 1, 2`
        : `select date_format(moved_on, '%Y-%m') as p, warehouse as k, sum(quantity) as v from ${database}.stock_movement group by 1, 2`;
    const result = await system.conn.knex.raw(sql);
    const rows = (engine === 'postgres' ? (result as { rows: unknown[] }).rows : (result as [unknown[]])[0]) as Array<{
      p: string;
      k: string;
      v: string | number;
    }>;
    const expected = new Map(rows.map((r) => [`${r.p} ${r.k}`, Number(r.v)]));
    expect(expected.size).toBe(9);
    expect(Object.fromEntries([...actual].sort())).toEqual(Object.fromEntries([...expected].sort()));
  });
});
