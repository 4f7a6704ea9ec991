import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kind, parse } from 'graphql';
import { deepMerge, loadConfig } from '../../src/config/load';
import { startRuntime, type HubRuntime } from '../../src/app/runtime';
import { startServer } from '../../src/server/app';
import { handWrittenTypeDefs } from '../../src/schema/assemble';
import { openConnection } from '../../src/db/open';
import type { SqlConnection } from '../../src/db/connection';
import { DEMO_MODEL_DIR } from '../support/demo-model';
import { pgSourcesUrl, TEST_JWT_SECRET } from '../support/engines';

/**
 * A second, tiny company — a warehouse system with depots and stock items on the test PostgreSQL — gets its
 * own generated types, lists and by-id lookups from its model directory alone, and its list answers are the
 * rows direct SQL finds. None of the demo's types is served.
 */
const SCHEMA = `sg_stock_${process.pid}`;
const STORE = `sg_store_${process.pid}`;
const API_KEY = 'second-model-test-key-0123456789';

const FILES: Record<string, string> = {
  'entities/Depot.yaml': `name: Depot
description: A warehouse depot.
home: stock
list: depots
fields:
  name: { type: string, description: The depot's name. }
  city: { type: string }
relations:
  items: { entity: Item, via: depot, paged: true, description: Stock items kept in the depot. }
figures:
  onHand: { measure: stock.stock.onHand, periodOptional: true, description: Units in stock. }
`,
  'entities/Item.yaml': `name: Item
description: A stock item (SKU).
home: stock
list: items
fields:
  title: { type: string }
  quantity: { type: int }
  depot: { ref: Depot }
`,
  'sources/stock.yaml': `name: stock
description: The warehouse system.
connection: { engine: postgres, url: "\${SG_STOCK_URL}", schema: ${SCHEMA} }
entities:
  Depot: { table: depot, key: depot_code, fields: { name: depot_name, city: city } }
  Item: { table: stock_item, key: sku, fields: { title: title, quantity: qty, depot: depot } }
facts:
  stock:
    table: stock_item
    dimensions: { depot: { column: depot, entity: Depot } }
    measures: { onHand: { agg: sum, column: qty, type: int } }
`,
  'policy.yaml': `version: 1
roles:
  reader: { description: Reads stock, rows: all, operations: [view] }
principals: {}
apiKeys:
  - { id: reader, sha256: ${createHash('sha256').update(API_KEY).digest('hex')}, roles: [reader] }
fields:
  Depot.*: { "*": allow }
  Item.*: { "*": allow }
${hubTypes()
  .map((t) => `  ${t}.*: { "*": allow }`)
  .join('\n')}
`,
};

/** The hub's own object types (hand-written SDL): this reader may see all of them. */
function hubTypes(): string[] {
  return parse(handWrittenTypeDefs().join('\n'))
    .definitions.filter((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION)
    .map((d) => (d as { name: { value: string } }).name.value);
}

let dir: string;
let sql: SqlConnection;
let runtime: HubRuntime;
let server: Awaited<ReturnType<typeof startServer>>;

async function query<T>(
  text: string,
  variables: Record<string, unknown> = {},
): Promise<{ data?: T; errors?: unknown[] }> {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
    body: JSON.stringify({ query: text, variables }),
  });
  return (await res.json()) as { data?: T; errors?: unknown[] };
}

const rows = async (text: string, bindings: string[] = []) =>
  (await sql.knex.raw(text, bindings)).rows as Array<Record<string, unknown>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'indicator-hub-second-model-'));
  for (const folder of ['entities', 'sources', 'indicators', 'targets']) mkdirSync(join(dir, folder));
  for (const [file, text] of Object.entries(FILES)) writeFileSync(join(dir, file), text);
  cpSync(join(DEMO_MODEL_DIR, 'units.yaml'), join(dir, 'units.yaml'));

  sql = openConnection({ engine: 'postgres', url: pgSourcesUrl(), pool: { min: 0, max: 1 } }, 'test');
  await sql.knex.raw(`drop schema if exists ${SCHEMA} cascade; create schema ${SCHEMA}`);
  await sql.knex.raw(`create table ${SCHEMA}.depot (depot_code text primary key, depot_name text not null, city text)`);
  await sql.knex.raw(
    `create table ${SCHEMA}.stock_item (sku text primary key, title text not null, qty integer not null, depot text references ${SCHEMA}.depot)`,
  );
  await sql.knex.raw(
    `insert into ${SCHEMA}.depot values ('D1', 'North depot', 'Harbin'), ('D2', 'South depot', 'Guangzhou'), ('D3', 'Empty depot', null)`,
  );
  await sql.knex.raw(
    `insert into ${SCHEMA}.stock_item values ('S-001', 'Bolts', 120, 'D1'), ('S-002', 'Nuts', 80, 'D1'), ('S-003', 'Washers', 15, 'D2'), ('S-004', 'Hinges', 7, 'D2'), ('S-005', 'Springs', 42, 'D1')`,
  );

  const config = loadConfig(
    { SG_STOCK_URL: pgSourcesUrl() },
    deepMerge(
      {
        model: { dir },
        auth: { jwt: { secret: TEST_JWT_SECRET } },
        store: { engine: 'postgres', url: pgSourcesUrl(), schema: STORE },
        embedded: { dataDir: ':memory:' },
      },
      { demo: { seed: false } },
    ),
  );
  runtime = await startRuntime(config);
  server = await startServer(runtime, { host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await server?.stop();
  await runtime?.close();
  await sql?.knex.raw(`drop schema if exists ${SCHEMA} cascade; drop schema if exists ${STORE} cascade`);
  await sql?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the schema has the model’s types, lists and lookups, and none of the demo’s', async () => {
  const res = await query<
    Record<string, { fields: Array<{ name: string; type: { name: string | null; kind: string } }> } | null>
  >(`{
    depot: __type(name: "Depot") { fields { name type { name kind } } }
    item: __type(name: "Item") { fields { name type { name kind } } }
    query: __type(name: "Query") { fields { name type { name kind } } }
    department: __type(name: "Department") { fields { name type { name kind } } }
  }`);
  expect(res.errors).toBeUndefined();
  const names = (t: string) => res.data![t]!.fields.map((f) => f.name).sort();
  expect(names('depot')).toEqual(['city', 'id', 'indicators', 'items', 'name', 'onHand']);
  expect(names('item')).toEqual(['depot', 'id', 'quantity', 'title']);
  expect(names('query')).toEqual(expect.arrayContaining(['depots', 'depot', 'items', 'item', 'sources']));
  expect(res.data!.department).toBeNull();
  const onHand = res.data!.depot!.fields.find((f) => f.name === 'onHand')!;
  expect(onHand.type).toEqual({ name: 'Int', kind: 'SCALAR' });
});

test('a list answers the rows direct SQL finds, with references resolved', async () => {
  const res = await query<{
    items: Array<{ id: string; title: string; quantity: number; depot: { id: string; name: string } | null }>;
  }>(`{ items(limit: 100) { id title quantity depot { id name } } }`);
  expect(res.errors).toBeUndefined();
  const expected = await rows(
    `select i.sku, i.title, i.qty, d.depot_code, d.depot_name from ${SCHEMA}.stock_item i left join ${SCHEMA}.depot d on d.depot_code = i.depot`,
  );
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  expect([...res.data!.items].sort(byId)).toEqual(
    expected
      .map((r) => ({
        id: String(r.sku),
        title: r.title,
        quantity: Number(r.qty),
        depot: r.depot_code ? { id: String(r.depot_code), name: r.depot_name } : null,
      }))
      .sort(byId),
  );
});

test.each([
  [
    'a reference filter',
    `{ items(depotId: "D2", limit: 100) { id } }`,
    'items',
    `select sku as id from ${SCHEMA}.stock_item where depot = 'D2'`,
  ],
  [
    'ids',
    `{ depots(ids: ["D1", "D3"]) { id } }`,
    'depots',
    `select depot_code as id from ${SCHEMA}.depot where depot_code in ('D1', 'D3')`,
  ],
  [
    'a paged reverse list',
    `{ depot(id: "D1") { items(limit: 100) { id } } }`,
    'depot.items',
    `select sku as id from ${SCHEMA}.stock_item where depot = 'D1'`,
  ],
])('%s selects the rows SQL selects', async (_case, text, path, oracle) => {
  const res = await query<Record<string, unknown>>(text);
  expect(res.errors).toBeUndefined();
  const got = path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], res.data) as Array<{
    id: string;
  }>;
  expect(got.map((r) => r.id).sort()).toEqual((await rows(oracle)).map((r) => String(r.id)).sort());
});

test('a by-id lookup answers the row, and null for an unknown id', async () => {
  const res = await query<{ a: { name: string; city: string | null } | null; b: unknown }>(
    `{ a: depot(id: "D3") { name city } b: item(id: "S-999") { id } }`,
  );
  expect(res.errors).toBeUndefined();
  const [row] = await rows(`select depot_name, city from ${SCHEMA}.depot where depot_code = 'D3'`);
  expect(res.data).toEqual({ a: { name: row!.depot_name, city: row!.city }, b: null });
});
