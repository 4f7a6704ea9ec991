import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { scaffoldModel } from '../../src/company/scaffold';
import { openConnection } from '../../src/db/open';
import { readLiveCatalog, type LiveCatalog } from '../../src/db/live-catalog';
import { loadChinook, type ChinookEngine } from '../support/chinook';

/**
 * model:scaffold on a company the hub did not design: Chinook as PostgreSQL (snake_case) and as MariaDB
 * (PascalCase). What the draft must say comes from the Chinook scripts themselves (keys, foreign keys,
 * NUMERIC(10,2) money, TIMESTAMP dates, the composite key of playlist_track), and both naming
 * conventions must draft the same model names.
 */
const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const catalogs = {} as Record<ChinookEngine, LiveCatalog>;
const urls = {} as Record<ChinookEngine, string>;

beforeAll(async () => {
  for (const engine of ['postgres', 'mysql'] as const) {
    urls[engine] = await loadChinook(engine, 'chinook_scaffold');
    const conn = openConnection({ engine, url: urls[engine], pool: { min: 0, max: 1 } }, 'chinook_scaffold');
    try {
      catalogs[engine] = await readLiveCatalog(conn);
    } finally {
      await conn.close();
    }
  }
});

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const draft = (engine: ChinookEngine) => {
  const result = scaffoldModel(catalogs[engine], { source: 'music', urlEnv: 'MUSIC_URL' });
  const docs = new Map(result.files.map((f) => [f.path, parse(f.text) as Doc]));
  return { result, docs, source: docs.get('sources/music.yaml')! };
};

describe.each(['postgres', 'mysql'] as const)('scaffold of Chinook on %s', (engine) => {
  test('every table with a primary key becomes an entity, playlist_track with its composite key', () => {
    const { result, source, docs } = draft(engine);
    expect(Object.keys(source.entities).sort()).toEqual([
      'Album',
      'Artist',
      'Customer',
      'Employee',
      'Genre',
      'Invoice',
      'InvoiceLine',
      'MediaType',
      'Playlist',
      'PlaylistTrack',
      'Track',
    ]);
    expect(result.skipped).toEqual([]);
    // As models/chinook declares it by hand: the key's parts are its two references.
    const entry = docs.get('entities/PlaylistTrack.yaml')!;
    expect(entry.key).toEqual({ parts: ['playlist', 'track'] });
    expect(entry.fields).toEqual({ playlist: { ref: 'Playlist' }, track: { ref: 'Track' } });
    expect(source.entities.PlaylistTrack.key).toEqual(
      engine === 'postgres' ? ['playlist_id', 'track_id'] : ['PlaylistId', 'TrackId'],
    );
    expect(docs.get('entities/Playlist.yaml')!.relations.playlistTracks).toEqual({
      entity: 'PlaylistTrack',
      via: 'playlist',
      paged: true,
    });
  });

  test('keys, references and types come from the catalog', () => {
    const { docs, source } = draft(engine);
    const line = docs.get('entities/InvoiceLine.yaml')!;
    expect(line.key).toEqual({ type: 'int' });
    expect(line.fields.invoice).toEqual({ ref: 'Invoice' });
    expect(line.fields.track).toEqual({ ref: 'Track' });
    expect(line.fields.unitPrice).toEqual({ type: 'decimal' });
    expect(source.entities.InvoiceLine.key).toBe(engine === 'postgres' ? 'invoice_line_id' : 'InvoiceLineId');
    expect(source.entities.InvoiceLine.fields.unitPrice).toBe(engine === 'postgres' ? 'unit_price' : 'UnitPrice');
    // customer.support_rep_id → employee, employee.reports_to → employee (a hierarchy).
    expect(docs.get('entities/Customer.yaml')!.fields.supportRep).toEqual({ ref: 'Employee' });
    expect(docs.get('entities/Employee.yaml')!.fields.reportsTo).toEqual({ ref: 'Employee' });
    expect(docs.get('entities/Customer.yaml')!.relations.invoices).toEqual({
      entity: 'Invoice',
      via: 'customer',
      paged: true,
    });
    // TIMESTAMP read as its date, said so in the draft.
    expect(docs.get('entities/Invoice.yaml')!.fields.invoiceDate).toEqual({
      type: 'date',
      description: expect.stringMatching(/read as its date/),
    });
  });

  test('a fact is suggested for invoices (a timestamp column and money), none for invoice lines (no date of their own)', () => {
    const { source } = draft(engine);
    expect(source.facts.invoice.time.column).toBe(engine === 'postgres' ? 'invoice_date' : 'InvoiceDate');
    expect(source.facts.invoice.measures.total).toEqual({
      agg: 'sum',
      column: engine === 'postgres' ? 'total' : 'Total',
      type: 'decimal',
    });
    expect(source.facts.invoice.dimensions.customer).toEqual({
      column: engine === 'postgres' ? 'customer_id' : 'CustomerId',
      entity: 'Customer',
    });
    expect(source.facts.invoiceLine).toBeUndefined();
  });

  test('the connection is a reference to an environment variable, never the URL', () => {
    const { result, source } = draft(engine);
    expect(source.connection).toEqual({ engine, url: '${MUSIC_URL}' });
    const password = new URL(urls[engine]).password;
    for (const f of result.files) expect(f.text).not.toContain(password);
  });
});

test('both naming conventions draft the same model names', () => {
  const names = (engine: ChinookEngine) => {
    const { docs } = draft(engine);
    return [...docs]
      .filter(([p]) => p.startsWith('entities/'))
      .map(([p, d]) => [p, Object.keys(d.fields).sort(), d.relations ? Object.keys(d.relations).sort() : []]);
  };
  expect(names('mysql')).toEqual(names('postgres'));
});

test('the command writes the draft, and refuses to overwrite it on a second run without writing anything', async () => {
  const out = mkdtempSync(join(tmpdir(), 'hub-scaffold-'));
  try {
    const args = [
      'tsx',
      'src/cli/model-scaffold.ts',
      '--source',
      'music',
      '--engine',
      'mysql',
      '--url-env',
      'MUSIC_URL',
      '--out',
      out,
    ];
    const env = { ...process.env, MUSIC_URL: urls.mysql };
    const first = await run('npx', args, { cwd: ROOT, env });
    expect(first.stdout).toContain('Drafted 16 files from 11 tables');
    const written = readdirSync(join(out, 'entities')).sort();
    expect(written).toHaveLength(11);
    // The draft is a model the hub accepts as it stands: model:check passes against the live database.
    const check = await run('npx', ['tsx', 'src/cli/model-check.ts', '--dir', out], { cwd: ROOT, env });
    expect(check.stdout).toMatch(/^music: mysql database "[^"]+" matches/m);
    const before = statSync(join(out, 'sources', 'music.yaml')).mtimeMs;
    const second = await run('npx', args, { cwd: ROOT, env }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('never overwrites');
    expect(statSync(join(out, 'sources', 'music.yaml')).mtimeMs).toBe(before);
    expect(readFileSync(join(out, 'sources', 'music.yaml'), 'utf8')).toContain('url: ${MUSIC_URL}');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
