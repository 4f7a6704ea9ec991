import { openConnection } from '../../../src/db/open';
import { HubError } from '../../../src/errors';
import { MemberCounts } from '../../../src/federation/member-counts';
import { rulePairs } from '../../../src/keys/crosswalk-rules';
import { loadModel } from '../../../src/model/load';
import { RequestTrace } from '../../../src/observability/trace';
import type { StatementEvent } from '../../../src/sources/contract';
import { ResilientAdapter } from '../../../src/sources/resilience/resilient-adapter';
import { SqlAdapter } from '../../../src/sources/sql/adapter';
import { DEMO_MODEL, SOURCES } from '../../support/demo-model';
import { join } from 'node:path';

/**
 * Crosswalk reads and member counts are adapter operations (SourceAdapter.keyPairs / count): a statement
 * to a company's database that fails reaches the caller as a coded SOURCE_UNAVAILABLE (never the driver's
 * message, host or SQL), is recorded in the statement trace with its kind and fingerprint, and counts
 * towards the source's circuit breaker. The sources here are closed pools: no database is needed.
 */
const URLS = {
  postgres: 'postgres://hub:secret_pw@127.0.0.1:1/none',
  mysql: 'mysql://hub:secret_pw@127.0.0.1:1/none',
} as const;
const BREAKER = { errorThresholdPercentage: 50, volumeThreshold: 2, resetTimeoutMs: 60_000 };

function closedSource(
  engine: keyof typeof URLS,
  name: string,
  mapping: ConstructorParameters<typeof SqlAdapter>[1],
  model: ConstructorParameters<typeof SqlAdapter>[3],
) {
  const conn = openConnection({ engine, url: URLS[engine], schema: name, statementTimeoutMs: 1000 }, name);
  const inner = new SqlAdapter(name, mapping, conn, model);
  return { adapter: new ResilientAdapter(inner, BREAKER, async () => undefined), closed: conn.close() };
}

function sink() {
  const events: StatementEvent[] = [];
  return { events, record: (e: StatementEvent) => void events.push(e) };
}

describe.each(['postgres', 'mysql'] as const)('on a closed %s source', (engine) => {
  test('a crosswalk read is SOURCE_UNAVAILABLE, traced as a key-pairs statement, and opens the breaker', async () => {
    const { adapter, closed } = closedSource(engine, 'crm', SOURCES.crm.mapping, DEMO_MODEL);
    await closed;
    const trace = sink();
    const error = await rulePairs(DEMO_MODEL, 'Customer', 'crm', { kind: 'same' }, () => adapter, trace).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'crm' });
    expect(JSON.stringify([(error as Error).message, (error as HubError).extensions])).not.toMatch(
      /127\.0\.0\.1|secret_pw|select|acquire/i,
    );
    expect(trace.events).toEqual([
      {
        source: 'crm',
        kind: 'key-pairs',
        fingerprint: expect.stringMatching(/^[0-9a-f]{12}$/),
        durationMs: expect.any(Number),
        rows: 0,
        ok: false,
      },
    ]);

    // A second failure reaches the breaker's volume: it opens, and the next read is refused without a statement.
    await expect(adapter.count({ entity: 'Customer' }, { scope: {}, trace })).rejects.toMatchObject({
      extensions: { code: 'SOURCE_UNAVAILABLE' },
    });
    expect(trace.events.map((e) => e.kind)).toEqual(['key-pairs', 'count']);
    expect(adapter.breakerState).toBe('open');
    await expect(
      rulePairs(DEMO_MODEL, 'Customer', 'crm', { kind: 'same' }, () => adapter, trace),
    ).rejects.toMatchObject({
      extensions: { code: 'SOURCE_UNAVAILABLE', source: 'crm', breaker: 'open' },
    });
    expect(trace.events).toHaveLength(2);
    await adapter.close();
  });

  test('member counts go through the adapters: each count is traced, and a failed one leaves no count', async () => {
    const model = loadModel(join(__dirname, '..', '..', '..', 'models', 'chinook'));
    const sources = Object.keys(model.sources).map((name) => ({
      name,
      ...closedSource(engine, name, model.sources[name]!.mapping, model),
    }));
    await Promise.all(sources.map((s) => s.closed));
    const trace = new RequestTrace();
    const counts = new MemberCounts(model, new Map(sources.map((s) => [s.name, s.adapter])), trace);
    const failed = await counts.refresh();
    // Chinook's dimension entities (the playlist bridge's too) are not conformed: each is counted in its home source, and fails.
    expect(failed.sort()).toEqual([
      'Album',
      'Artist',
      'Customer',
      'Employee',
      'Genre',
      'MediaType',
      'Playlist',
      'Track',
    ]);
    expect(failed.map((e) => counts.get(e))).toEqual(failed.map(() => undefined));
    const summary = trace.summary();
    expect(summary.statements).toBe(failed.length);
    expect(summary.bySource.catalogue?.statements).toBe(
      failed.filter((e) => model.entities[e]!.home === 'catalogue').length,
    );
    await Promise.all(sources.map((s) => s.adapter.close()));
  });
});
