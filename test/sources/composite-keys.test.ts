import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory from 'knex';
import { decodeKey, encodeKey } from '../../src/values/composite-key';
import { loadModel, ModelError } from '../../src/model/load';
import { UNRESTRICTED } from '../../src/sources/contract';
import { SqlAdapter } from '../../src/sources/sql/adapter';
import type { SqlConnection } from '../../src/db/connection';
import { DIALECTS } from '../../src/db/dialects';
import { thrown } from '../unit/thrown';

/**
 * Composite keys (issue 11 part 2), DB-less: the id encoding, the statement a batch of composite lookups
 * becomes on each dialect (one `(a, b) in ((?, ?), …)`), and what the loader refuses, with the file and the
 * path. A small order-line model written as files; the Chinook test runs it against real databases.
 */
const dir = mkdtempSync(join(tmpdir(), 'indicator-hub-composite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FILES: Record<string, string> = {
  'entities/Order.yaml': 'name: Order\nhome: shop\nkey: { type: int }\nfields: { placed: { type: date } }\n',
  'entities/Product.yaml': 'name: Product\nhome: shop\nkey: { type: string }\nfields: { name: { type: string } }\n',
  'entities/OrderLine.yaml':
    'name: OrderLine\nhome: shop\nkey: { parts: [order, product] }\nlist: orderLines\nfields: { order: { ref: Order }, product: { ref: Product }, quantity: { type: int } }\n',
  'sources/shop.yaml': `name: shop
connection: { engine: embedded }
entities:
  Order: { table: orders, key: order_id, fields: { placed: placed_on } }
  Product: { table: product, key: sku, fields: { name: name } }
  OrderLine: { table: order_line, key: [order_id, sku], fields: { order: order_id, product: sku, quantity: qty } }
facts:
  lines:
    table: order_line
    dimensions: { product: { column: sku, entity: Product } }
    measures: { quantity: { agg: sum, column: qty, type: int } }
`,
};

function writeModel(name: string, edits: Record<string, [string, string]> = {}): string {
  const root = join(dir, name);
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    const edit = edits[file];
    const changed = edit ? text.replace(edit[0], edit[1]) : text;
    if (edit && changed === text) throw new Error(`${file} does not contain ${edit[0]}`);
    writeFileSync(join(root, file), changed);
  }
  return root;
}

describe('the hub id of a composite key', () => {
  test.each([[['1', 'A-7']], [['a/b', '100%']], [['%2F', '/%/']], [['', 'x']]])('%j round-trips unchanged', (parts) => {
    expect(decodeKey(encodeKey(parts), parts.length)).toEqual(parts);
  });
  test.each([
    ['1', 2, /expected 2 parts separated by "\/", received 1/],
    ['1/2/3', 2, /expected 2 parts separated by "\/", received 3/],
    ['1%zz/2', 2, /a "%" inside a part must be followed by 25/],
  ])('%j is refused with a reason', (id, count, problem) => {
    const decoded = decodeKey(id, count);
    expect(Array.isArray(decoded) ? decoded : decoded.problem).toMatch(problem);
  });
});

describe.each([
  { client: 'pg', dialect: 'postgres', q: '"' },
  { client: 'mysql2', dialect: 'mysql', q: '`' },
] as const)('on $dialect', ({ client, dialect, q }) => {
  const knex = knexFactory({ client });
  afterAll(() => knex.destroy());
  const model = loadModel(writeModel(`ok-${dialect}`), { env: {} });
  const conn: SqlConnection = { knex, schema: 'shop', dialect: DIALECTS[dialect], close: async () => {} };
  const adapter = new SqlAdapter('shop', model.sources.shop!.mapping, conn, model);
  const id = (name: string) => `${q}${name}${q}`;

  test('a batch of composite keys is one statement with one JSON parameter, ordered by the key columns', () => {
    const { sql, bindings } = adapter
      .buildFetch(
        { entity: 'OrderLine', where: { field: 'key', keys: ['1/A-7', encodeKey(['2', 'B/9'])] } },
        UNRESTRICTED,
      )
      .toSQL();
    expect(sql).toBe(
      `select ${id('order_id')} as ${id('key__0')}, ${id('sku')} as ${id('key__1')}, ${id('order_id')} as ${id('order')}, ${id('sku')} as ${id('product')}, ${id('qty')} as ${id('quantity')} ` +
        `from ${id('shop')}.${id('order_line')} where (${id('order_id')}, ${id('sku')}) in ${
          dialect === 'mysql'
            ? "(select k0, k1 from json_table(?, '$[*]' columns (k0 bigint path '$[0]', k1 varchar(2048) path '$[1]')) as hub_keys)"
            : '(select (k->>0)::bigint, (k->>1)::text from json_array_elements(?::json) as k)'
        } order by ${id('order_id')} asc, ${id('sku')} asc`,
    );
    expect(bindings).toEqual([
      JSON.stringify([
        ['1', 'A-7'],
        ['2', 'B/9'],
      ]),
    ]);
  });

  test('a reference filter and paging work as on a one-column key', () => {
    const { sql, bindings } = adapter
      .buildFetch({ entity: 'OrderLine', where: { field: 'order', keys: ['1'] }, limit: 10, offset: 20 }, UNRESTRICTED)
      .toSQL();
    expect(sql).toContain(
      `where ${id('order_id')} ${dialect === 'mysql' ? "in (select k0 from json_table(?, '$[*]' columns (k0 bigint path '$')) as hub_keys)" : '= any(?)'} order by ${id('order_id')} asc, ${id('sku')} asc limit ?`,
    );
    expect(bindings).toEqual([dialect === 'mysql' ? '["1"]' : '{"1"}', 10, 20]);
  });
});

describe('what a composite key cannot be, refused at load with the file and the path', () => {
  const entity = (name: string) => join('entities', `${name}.yaml`);
  test.each<[string, Record<string, [string, string]>, string, string]>([
    [
      'an unknown part',
      { 'entities/OrderLine.yaml': ['parts: [order, product]', 'parts: [order, prodcut]'] },
      entity('OrderLine'),
      'key.parts.1: OrderLine has no field "prodcut" (did you mean "product"?)',
    ],
    [
      'a decimal part',
      {
        'entities/OrderLine.yaml': [
          'parts: [order, product] }\nlist: orderLines\nfields: { order: { ref: Order }, product: { ref: Product }, quantity: { type: int } }',
          'parts: [order, weight] }\nfields: { order: { ref: Order }, weight: { type: decimal } }',
        ],
      },
      entity('OrderLine'),
      'key.parts.1: "weight" is a decimal: a key part is a string, int or date field, or a reference',
    ],
    [
      'one key column for two parts',
      { 'sources/shop.yaml': ['key: [order_id, sku]', 'key: order_id'] },
      join('sources', 'shop.yaml'),
      "entities.OrderLine.key: OrderLine's key has 2 parts (order, product): list one column per part, e.g. [order_column, product_column]",
    ],
    [
      'key columns for a one-column key',
      { 'sources/shop.yaml': ['key: sku,', 'key: [sku, name],'] },
      join('sources', 'shop.yaml'),
      `entities.Product.key: Product has a one-column key: give one column, or declare key.parts in ${'ENTITY_FILE'}`,
    ],
    [
      'a reference to a composite entity',
      {
        'entities/Product.yaml': [
          '{ name: { type: string } }',
          '{ name: { type: string }, lastLine: { ref: OrderLine } }',
        ],
      },
      entity('Product'),
      'fields.lastLine.ref: OrderLine has a composite key (order, product): a reference is one column; reference its parts instead',
    ],
    [
      'a fact dimension of a composite entity',
      { 'sources/shop.yaml': ['entity: Product }', 'entity: OrderLine }'] },
      join('sources', 'shop.yaml'),
      "facts.lines.dimensions.product.entity: OrderLine has a composite key (order, product): a dimension is one column; use one of its parts' entities",
    ],
    [
      'a conformed composite entity',
      { 'entities/OrderLine.yaml': ['home: shop', 'home: shop\nconformed: true'] },
      entity('OrderLine'),
      'conformed: an entity with a composite key cannot be conformed (the key map holds one-column keys)',
    ],
    [
      'both type and parts',
      { 'entities/OrderLine.yaml': ['{ parts: [order, product] }', '{ type: int, parts: [order, product] }'] },
      entity('OrderLine'),
      'key: give "type" (one key column) or "parts" (a composite key), not both',
    ],
  ])('%s', (name, edits, file, expected) => {
    const root = writeModel(`bad-${name.replace(/\W+/g, '-')}`, edits);
    const error = thrown(() => loadModel(root, { env: {} }));
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).problems).toContain(
      `${join(root, file)}: ${expected.replace('ENTITY_FILE', join(root, entity('Product')))}`,
    );
  });
});
