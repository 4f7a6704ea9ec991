import { loadModel } from '../../src/model/load';
import type { CompanyModel } from '../../src/model/entities';
import { lowerFirst, memberDimensions } from '../../src/model/member-dimension';
import { Decimal } from '../../src/values/decimal';
import { parsePeriod } from '../../src/values/period';
import { ALL_EMBEDDED } from '../support/engines';
import { startTestHub, statementsBySource, type TestHub } from '../support/hub-client';

/**
 * One number (issue 16): a figure is an indicator over one measure, so `indicatorValues`, the entity's
 * figure field and `<Entity>.indicators` read the same statement through the same cache. A row inserted
 * into the source behind the figure shows the same total in all three parts of one request, and after the
 * cache's freshness bound in all of them. The figure, its indicator and the member come from the model
 * and the dictionary; every expected total is a SUM run directly on the source.
 */
const MODEL_DIR = 'models/demo';
const PERIOD = '2025-Q4';
const TTL_SECONDS = 3;
const ADDED = '1234.56';

interface Pick {
  entity: string;
  figure: string;
  dimension: string;
  indicator: string;
  source: string;
  table: string;
  keyColumn: string;
  timeColumn: string;
  dimensionColumn: string;
  measureColumn: string;
}

/** The first figure over a plain summed decimal column of an event fact, on an entity that has
 *  `indicators`, whose measure a simple published indicator reads as it is (no filter, no expression). */
function pickFigure(
  model: CompanyModel,
  indicators: Array<{ code: string; measure: { source: string; fact: string; measure: string } | null }>,
): Pick {
  const members = memberDimensions(model);
  for (const entity of Object.values(model.entities)) {
    if (members[entity.name] === undefined) continue;
    for (const [figure, f] of Object.entries(entity.figures)) {
      const mapping = model.sources[f.source]!.mapping;
      const fact = mapping.facts[f.fact]!;
      const measure = fact.measures[f.measure]!;
      if (
        !fact.time ||
        fact.time.format ||
        fact.joins?.length ||
        measure.agg !== 'sum' ||
        !measure.column ||
        measure.filter ||
        measure.type !== 'decimal'
      )
        continue;
      if (members[entity.name] !== f.dimension) continue;
      const indicator = indicators.find(
        (i) =>
          i.measure && i.measure.source === f.source && i.measure.fact === f.fact && i.measure.measure === f.measure,
      );
      const owner = Object.values(mapping.entities).find((e) => e?.table === fact.table && typeof e.key === 'string');
      if (!indicator || !owner) continue;
      return {
        entity: entity.name,
        figure,
        dimension: f.dimension,
        indicator: indicator.code,
        source: f.source,
        table: fact.table,
        keyColumn: owner.key as string,
        timeColumn: fact.time.column,
        dimensionColumn: fact.dimensions[f.dimension]!.column,
        measureColumn: measure.column,
      };
    }
  }
  throw new Error(`${MODEL_DIR}: no figure over a plain summed column with a matching simple indicator`);
}

type Answer = {
  indicatorValues: {
    rows: Array<{ member: { id: string }; cells: Array<{ code: string; value: string | null }> }>;
    statements: Array<{ source: string; cached: boolean }>;
  };
  entity: { figure: string | null; indicators: Array<{ code: string; value: string | null; reason: string | null }> };
};

describe('one number: indicatorValues, a figure and Entity.indicators agree', () => {
  const model = loadModel(MODEL_DIR);
  const period = parsePeriod(PERIOD);
  let hub: TestHub;
  let chosen: Pick;
  let member: { key: string; id: string };

  const sql = (text: string, bindings: unknown[] = []) =>
    hub.runtime.store.conn.knex
      .raw(text, bindings as never)
      .then((r: { rows: Array<Record<string, unknown>> }) => r.rows);
  const table = () => `${chosen.source}.${chosen.table}`;

  /** The oracle: the member's sum in the period, straight from the source table. */
  const oracle = async () => {
    const [row] = await sql(
      `select sum(${chosen.measureColumn}) as v from ${table()} where ${chosen.dimensionColumn} = ? and ${chosen.timeColumn} >= ? and ${chosen.timeColumn} < ?`,
      [member.key, period.from, period.to],
    );
    return Decimal.of(String(row!.v ?? '0')).toFixed(2);
  };

  const ask = async (parts: 'all' | 'indicatorValues') => {
    const entityField =
      parts === 'all'
        ? `entity: ${lowerFirst(chosen.entity)}(id: $id) { figure: ${chosen.figure}(period: $period) indicators(codes: $codes, period: $period) { code value reason } }`
        : '';
    const res = await hub.query<Answer>(
      `query One(${parts === 'all' ? '$id: ID!, ' : ''}$codes: [String!]!, $period: String!, $filters: [DimensionFilter!]) {
        indicatorValues(codes: $codes, from: $period, grain: QUARTER, groupBy: "${chosen.dimension}", filters: $filters) {
          rows { member { id } cells { code value } } statements { source cached } }
        ${entityField}
      }`,
      {
        ...(parts === 'all' ? { id: member.id } : {}),
        codes: [chosen.indicator],
        period: PERIOD,
        filters: [{ dimension: chosen.dimension, ids: [member.id] }],
      },
    );
    expect(res.errors).toBeUndefined();
    const rows = res.data!.indicatorValues.rows;
    expect(rows.map((r) => r.member.id)).toEqual([member.id]);
    const money = (v: string | null | undefined) => (v === null || v === undefined ? null : Decimal.of(v).toFixed(2));
    return {
      res,
      cached: res.data!.indicatorValues.statements.filter((s) => s.source === chosen.source).map((s) => s.cached),
      values: {
        indicatorValues: money(rows[0]!.cells[0]!.value),
        ...(parts === 'all'
          ? { figure: money(res.data!.entity.figure), indicators: money(res.data!.entity.indicators[0]!.value) }
          : {}),
      },
    };
  };

  beforeAll(async () => {
    // Every source caches for a short freshness bound.
    hub = await startTestHub(ALL_EMBEDDED, {
      sources: Object.fromEntries(Object.keys(model.sources).map((s) => [s, { cacheTtlSeconds: TTL_SECONDS }])),
    });
    const dictionary = await hub.query<{
      indicators: Array<{ code: string; measure: { source: string; fact: string; measure: string } | null }>;
    }>('{ indicators { code measure { source fact measure } } }');
    chosen = pickFigure(model, dictionary.data!.indicators);
    const [busiest] = await sql(
      `select ${chosen.dimensionColumn} as k from ${table()} where ${chosen.timeColumn} >= ? and ${chosen.timeColumn} < ? group by ${chosen.dimensionColumn} order by count(*) desc, ${chosen.dimensionColumn} limit 1`,
      [period.from, period.to],
    );
    const key = String(busiest!.k);
    member = { key, id: hub.runtime.keyMap.toHub(chosen.entity, chosen.source, key) ?? `${chosen.source}:${key}` };
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  test(`a row inserted into the source: the same total in all three parts of one request, the new one after the freshness bound`, async () => {
    const before = await oracle();
    expect(Number(before)).toBeGreaterThan(0);
    // Warm the cache with the indicator alone.
    const warm = await ask('indicatorValues');
    expect(warm.values).toEqual({ indicatorValues: before });
    const warmedAt = Date.now();

    // A new row like the member's others in the period, with its own key and a known amount.
    const [like] = await sql(
      `select * from ${table()} where ${chosen.dimensionColumn} = ? and ${chosen.timeColumn} >= ? and ${chosen.timeColumn} < ? limit 1`,
      [member.key, period.from, period.to],
    );
    const key =
      typeof like![chosen.keyColumn] === 'number'
        ? Number((await sql(`select max(${chosen.keyColumn}) as m from ${table()}`))[0]!.m) + 1
        : 'ONE-NUMBER-1';
    await hub.runtime.store.conn.knex
      .withSchema(chosen.source)
      .table(chosen.table)
      .insert({ ...like, [chosen.keyColumn]: key, [chosen.measureColumn]: ADDED });
    const after = await oracle();
    expect(after).toBe(Decimal.of(before).add(Decimal.of(ADDED)).toFixed(2));

    // One request: the indicator's statement is cached (old total); the figure and Entity.indicators read
    // the same statement, so whichever part reads it first fixes the answer for the whole request.
    const same = await ask('all');
    expect(same.cached).toHaveLength(1);
    const expected = same.cached[0] ? before : after;
    expect(same.values).toEqual({ indicatorValues: expected, figure: expected, indicators: expected });
    expect(statementsBySource(same.res)[chosen.source] ?? 0).toBeLessThanOrEqual(1);
    // Within the freshness bound the shared statement is the cached one: the old total everywhere.
    if (Date.now() - warmedAt < TTL_SECONDS * 1000 - 500) expect(same.cached).toEqual([true]);

    // After the freshness bound every part shows the new total.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, warmedAt + TTL_SECONDS * 1000 + 300 - Date.now())));
    const fresh = await ask('all');
    expect(fresh.values).toEqual({ indicatorValues: after, figure: after, indicators: after });
  });
});
