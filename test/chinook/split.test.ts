import {
  CHINOOK_TABLES,
  DEFAULT_SPLIT,
  querySql,
  splitChinook,
  tableName,
  type ChinookEngine,
  type SplitChinook,
} from '../support/chinook';

/**
 * The second company's databases, as the hub will meet them: Chinook split into departmental systems on
 * both engines. What the dataset's README states is the check (412 invoices totalling 2,328.60, 2,240
 * lines), and every table must live in exactly one system with all of its rows.
 */
let split: SplitChinook;

beforeAll(async () => {
  split = await splitChinook(DEFAULT_SPLIT, 'chinook_split_check');
});

const ENGINES: ChinookEngine[] = ['postgres', 'mysql'];

test.each(ENGINES)('the unsplit database on %s holds what the dataset README states', async (engine) => {
  const invoice = tableName(engine, 'invoice');
  const total = engine === 'postgres' ? 'total' : 'Total';
  const [row] = await querySql(
    engine,
    split.unsplit[engine],
    `select count(*) as n, sum(${total}) as total from ${invoice}`,
  );
  expect(Number(row!.n)).toBe(412);
  expect(String(row!.total)).toBe('2328.60');
  const [lines] = await querySql(
    engine,
    split.unsplit[engine],
    `select count(*) as n from ${tableName(engine, 'invoice_line')}`,
  );
  expect(Number(lines!.n)).toBe(2240);
});

test('every table lives in exactly one system, with every row of the unsplit database', async () => {
  for (const table of CHINOOK_TABLES) {
    const holders: string[] = [];
    for (const [name, system] of Object.entries(split.systems)) {
      const present = await tableExists(system.engine, system.url, system.database, tableName(system.engine, table));
      if (!present) continue;
      holders.push(name);
      const [own] = await querySql(
        system.engine,
        system.url,
        `select count(*) as n from ${tableName(system.engine, table)}`,
      );
      const [all] = await querySql(
        system.engine,
        split.unsplit[system.engine],
        `select count(*) as n from ${tableName(system.engine, table)}`,
      );
      expect({ table, rows: Number(own!.n) }).toEqual({ table, rows: Number(all!.n) });
    }
    const declared = DEFAULT_SPLIT.filter((s) => s.tables.includes(table)).map((s) => s.name);
    expect({ table, holders }).toEqual({ table, holders: declared });
  }
});

async function tableExists(engine: ChinookEngine, url: string, database: string, table: string): Promise<boolean> {
  const rows =
    engine === 'postgres'
      ? await querySql(
          engine,
          url,
          `select 1 from information_schema.tables where table_schema = 'public' and table_name = $1`,
          [table],
        )
      : await querySql(
          engine,
          url,
          `select 1 from information_schema.tables where table_schema = ? and table_name = ?`,
          [database, table],
        );
  return rows.length === 1;
}
