import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { DEFAULT_SPLIT, querySql, splitChinook, type ChinookSystem, type SplitChinook } from '../support/chinook';
import { CHINOOK_MODEL_DIR, startChinookHub, type ChinookHub } from '../support/chinook-hub';
import { statementsBySource } from '../support/hub-client';

/**
 * Composite keys on a real company (issue 11 part 2): Chinook's playlist_track (playlist_id + track_id) as
 * the entity PlaylistTrack, on PostgreSQL (the catalogue of the default split) and on MariaDB (the catalogue
 * moved there, its mapping renamed to the MySQL script's PascalCase). Oracle: SQL on the unsplit
 * PostgreSQL database.
 */
const MYSQL_SPLIT: readonly ChinookSystem[] = DEFAULT_SPLIT.map((s) =>
  s.name === 'catalogue' ? { ...s, engine: 'mysql' } : s,
);

/** models/chinook with the catalogue mapped onto the MySQL script's names (playlist_track → PlaylistTrack, track_id → TrackId). */
function mysqlCatalogueModel(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'indicator-hub-chinook-')), 'chinook');
  cpSync(CHINOOK_MODEL_DIR, dir, { recursive: true });
  const file = join(dir, 'sources', 'catalogue.yaml');
  const source = parseYaml(readFileSync(file, 'utf8')) as {
    connection: { engine: string };
    entities: Record<string, { table: string; key: string | string[]; fields: Record<string, string> }>;
    facts?: Record<
      string,
      { table: string; dimensions?: Record<string, { column: string }>; measures?: Record<string, { column?: string }> }
    >;
  };
  const pascal = (name: string) => name.replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase());
  source.connection.engine = 'mysql';
  for (const m of Object.values(source.entities)) {
    m.table = pascal(m.table);
    m.key = Array.isArray(m.key) ? m.key.map(pascal) : pascal(m.key);
    m.fields = Object.fromEntries(Object.entries(m.fields).map(([f, c]) => [f, pascal(c)]));
  }
  for (const f of Object.values(source.facts ?? {})) {
    f.table = pascal(f.table);
    for (const d of Object.values(f.dimensions ?? {})) d.column = pascal(d.column);
    for (const m of Object.values(f.measures ?? {})) if (m.column) m.column = pascal(m.column);
  }
  writeFileSync(file, stringifyYaml(source));
  return dir;
}

const ENGINES = [
  { engine: 'postgres', layout: DEFAULT_SPLIT, model: () => CHINOOK_MODEL_DIR },
  { engine: 'mysql', layout: MYSQL_SPLIT, model: mysqlCatalogueModel },
] as const;

describe.each(ENGINES)('PlaylistTrack with the catalogue on $engine', ({ engine, layout, model }) => {
  let split: SplitChinook;
  let hub: ChinookHub;
  let modelDir: string;

  beforeAll(async () => {
    split = await splitChinook(layout, `chinook_keys_${engine}`);
    modelDir = model();
    hub = await startChinookHub(split, `chinook_keys_${engine}_hub`, { model: { dir: modelDir } });
  }, 180_000);

  afterAll(async () => {
    await hub?.dispose();
    if (modelDir && modelDir !== CHINOOK_MODEL_DIR) rmSync(join(modelDir, '..'), { recursive: true, force: true });
  });

  const oracle = (sql: string, params: unknown[] = []) => querySql('postgres', split.unsplit.postgres, sql, params);
  const idOf = (r: Record<string, unknown>) => `${String(r.playlist_id)}/${String(r.track_id)}`;

  test('a page of the list equals SQL, in key order, with its references resolved', async () => {
    const res = await hub.query<{
      playlistTracks: Array<{
        id: string;
        playlist: { id: string; name: string };
        track: { id: string; name: string };
      }>;
    }>('{ playlistTracks(limit: 25, offset: 3000) { id playlist { id name } track { id name } } }');
    expect(res.errors).toBeUndefined();
    const rows = await oracle(
      `select pt.playlist_id, pt.track_id, p.name as playlist, t.name as track from playlist_track pt join playlist p using (playlist_id) join track t using (track_id)
       order by pt.playlist_id, pt.track_id limit 25 offset 3000`,
    );
    expect(rows).toHaveLength(25);
    expect(res.data!.playlistTracks).toEqual(
      rows.map((r) => ({
        id: idOf(r),
        playlist: { id: String(r.playlist_id), name: r.playlist },
        track: { id: String(r.track_id), name: r.track },
      })),
    );
  });

  test('a playlist’s entries (reverse list, paged) and the list filtered by playlist equal SQL', async () => {
    const [busiest] = await oracle(
      'select playlist_id from playlist_track group by playlist_id order by count(*) desc, playlist_id limit 1',
    );
    const playlist = String(busiest!.playlist_id);
    const res = await hub.query<{ playlist: { tracks: Array<{ id: string }> }; playlistTracks: Array<{ id: string }> }>(
      'query($p: ID!) { playlist(id: $p) { tracks(limit: 10, offset: 5) { id } } playlistTracks(playlistId: $p, limit: 10, offset: 5) { id } }',
      { p: playlist },
    );
    expect(res.errors).toBeUndefined();
    const rows = await oracle(
      'select playlist_id, track_id from playlist_track where playlist_id = $1 order by track_id limit 10 offset 5',
      [busiest!.playlist_id],
    );
    const expected = rows.map((r) => ({ id: idOf(r) }));
    expect(expected).toHaveLength(10);
    expect(res.data!.playlist.tracks).toEqual(expected);
    expect(res.data!.playlistTracks).toEqual(expected);
  });

  test('a batch of lookups (by key, by id, by ids) is ONE statement on the catalogue, and absent keys are null', async () => {
    const rows = await oracle(
      'select playlist_id, track_id from playlist_track order by track_id desc, playlist_id limit 4',
    );
    const [a, b, c, d] = rows as [
      Record<string, unknown>,
      Record<string, unknown>,
      Record<string, unknown>,
      Record<string, unknown>,
    ];
    const res = await hub.query<
      Record<string, { id: string; playlist: { id: string } } | null> & { list: Array<{ id: string }> }
    >(
      `query($a1: ID!, $a2: ID!, $b1: ID!, $b2: ID!, $c: ID!, $d: ID!) {
        a: playlistTrackByKey(playlist: $a1, track: $a2) { id playlist { id } }
        b: playlistTrackByKey(playlist: $b1, track: $b2) { id playlist { id } }
        c: playlistTrack(id: $c) { id playlist { id } }
        none: playlistTrackByKey(playlist: "999999", track: "1") { id playlist { id } }
        list: playlistTracks(ids: [$d, "999999/1"]) { id }
      }`,
      {
        a1: String(a.playlist_id),
        a2: String(a.track_id),
        b1: String(b.playlist_id),
        b2: String(b.track_id),
        c: idOf(c),
        d: idOf(d),
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.a).toEqual({ id: idOf(a), playlist: { id: String(a.playlist_id) } });
    expect(res.data!.b).toEqual({ id: idOf(b), playlist: { id: String(b.playlist_id) } });
    expect(res.data!.c).toEqual({ id: idOf(c), playlist: { id: String(c.playlist_id) } });
    expect(res.data!.none).toBeNull();
    expect(res.data!.list).toEqual([{ id: idOf(d) }]);
    // The three lookups are one statement; the list is its own statement.
    expect(statementsBySource(res)).toEqual({ catalogue: 2 });
  });

  test.each([
    {
      name: 'one part',
      query: '{ playlistTrack(id: "1") { id } }',
      code: 'BAD_USER_INPUT',
      message: /expected 2 parts/,
    },
    {
      name: 'three parts',
      query: '{ playlistTrack(id: "1/2/3") { id } }',
      code: 'BAD_USER_INPUT',
      message: /expected 2 parts/,
    },
    {
      name: 'a bad escape',
      query: '{ playlistTrack(id: "1%zz/2") { id } }',
      code: 'BAD_USER_INPUT',
      message: /"%" inside a part/,
    },
    {
      name: 'a non-integer part',
      query: '{ playlistTrackByKey(playlist: "one", track: "2") { id } }',
      code: 'BAD_USER_INPUT',
      message: /part "playlist" must be an integer/,
    },
    {
      name: 'a bad id among ids',
      query: '{ playlistTracks(ids: ["1/2", "x"]) { id } }',
      code: 'BAD_USER_INPUT',
      message: /expected 2 parts/,
    },
    {
      name: 'an unknown part',
      query: '{ playlistTrackByKey(playlist: "1", song: "2") { id } }',
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: /Unknown argument "song"/,
    },
    {
      name: 'a missing part',
      query: '{ playlistTrackByKey(playlist: "1") { id } }',
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: /argument "track" of type "ID!" is required/,
    },
    // One-column integer keys: text that is no integer is refused before any statement, like a composite part.
    {
      name: 'a one-column int key given text',
      query: '{ playlist(id: "x") { id } }',
      code: 'BAD_USER_INPUT',
      message: /Invalid Playlist id "x": Playlist ids are integers/,
    },
    {
      name: 'an int id among ids',
      query: '{ playlists(ids: ["1", "one"]) { id } }',
      code: 'BAD_USER_INPUT',
      message: /Invalid Playlist id "one"/,
    },
    {
      name: 'an int reference filter given text',
      query: '{ playlistTracks(playlistId: "1;") { id } }',
      code: 'BAD_USER_INPUT',
      message: /Invalid Playlist id "1;"/,
    },
  ])('a bad key ($name) is a coded client error, never a 500', async ({ query, code, message }) => {
    const res = await hub.query(query);
    expect(res.status).toBeLessThan(500);
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    expect(res.errors?.[0]?.message).toMatch(message);
    expect(res.raw).not.toMatch(/select|stack|postgres:\/\/|mysql:\/\//i);
  });
});
