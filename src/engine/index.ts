import { badInput, HubError } from '../errors';
import type { EngineContext } from './context';
import type { Dictionary } from '../indicators/dictionary';
import { dimensionsOf } from '../indicators/validate';
import { catalogOfAdapters } from '../indicators/catalog';
import type { MeasureCatalog } from '../indicators/validate';
import type { SourceAdapter } from '../sources/contract';
import type { IndicatorDefinition } from '../indicators/definition';
import type { UnitBook } from '../indicators/units';
import { Decimal } from '../values/decimal';
import type { Period } from '../values/period';
import { Evaluator } from './evaluate';
import type { Value } from './expr';
import { Disclosure } from './disclosure';
import { TOTAL, type StatementProvenance } from './fetch';
import { parentFieldOf, regroup } from './regroup';
import { inputsClosure } from '../indicators/graph';
import { wholeRange } from '../values/buckets';
import { organisationOf } from '../model/entities';
import { organisationDimension } from '../model/member-dimension';
import { resolveGroupPath } from './group-path';
import { FIGURE_VERSION, pathText, type Cell, type TopRequest, type ValuesRequest } from './request';
import { requirements } from './requirements';
import { splitMember } from './members';
import { checkPage, pageOf, type PageInfo } from './member-page';

export type { ValuesRequest, Cell, StatementProvenance };

export interface ValuesTable {
  buckets: Period[];
  /** Members in order (sorted; ranked for a top-N request; as given for a member-batched request); [""]
   *  when not grouped. A member of several dimension paths is one value per path, joined (src/engine/members.ts). */
  members: string[];
  /** The value of `code` in the bucket labelled `bucket` for `member`, rounded once at its precision. */
  cell(code: string, bucket: string, member: string): Cell;
  /** The cells of `codes` in one bucket for one member, each with its code: a table row as the API emits it. */
  cells(codes: readonly string[], bucket: string, member: string): Array<Cell & { code: string }>;
  /** The same, unrounded (for further arithmetic such as decomposition). */
  exact(code: string, bucket: string, member: string): Value;
  /** One entry per (source, fact) statement, cached or run. */
  statements: StatementProvenance[];
  /** Sources that failed: their indicators are null with the reason; the rest of the table stands. */
  failures: HubError[];
  /** Requested indicators (or their inputs) read from snapshot facts: current values, the same in every bucket. */
  snapshots: string[];
  /** A paged request's place among the members (src/engine/member-page.ts). */
  page?: PageInfo;
}

/**
 * Computes indicators × periods × members with one aggregate statement per (source, fact), whatever the
 * number of periods, members or dimensions (a top-N request adds one ranking statement per fact): plan the inputs, push
 * the aggregation down, regroup in the hub, evaluate.
 */
export async function computeValues(
  ctx: EngineContext,
  dict: Dictionary,
  request: ValuesRequest,
): Promise<ValuesTable> {
  checkRequest(ctx, dict, request);
  if (request.page) {
    // One page of the members: the unpaged computation restricted to them by a member filter.
    const paged = await pageOf(ctx, request);
    const table = await computeValues(ctx, dict, paged.request);
    table.page = paged.info;
    return table;
  }
  // Top N: rank the members by the indicator over the whole range first (one bucket, grain "all"), then
  // compute the asked periods for those members only.
  const ranking = request.top ? await topMembers(ctx, dict, request, request.top) : undefined;
  const calendar = ctx.runtime.config.calendar;
  const disclosure = new Disclosure(ctx, dict, request);
  for (const code of request.codes) {
    const { version } = dict.get(code)!;
    // The versions of every input too: a new version of an input changes the answer of an unchanged code.
    const inputs = inputsClosure(dict, code)
      .map((c) => ({ code: c, version: dict.get(c)?.version ?? '' }))
      .filter((i) => i.version !== '' && i.version !== FIGURE_VERSION);
    if (version !== FIGURE_VERSION) ctx.audit.indicator(code, version, inputs);
  }
  const needs = requirements(dict, request.codes, request.buckets, calendar);
  const fetched = await disclosure.fetch(needs);
  const leaves = await regroup(ctx, fetched.leaves, request);
  const evaluator = new Evaluator(dict, leaves, calendar);
  const asked = request.members ? [...request.members] : undefined;
  const members =
    ranking?.members ??
    asked ??
    (request.groupBy.length ? [...new Set([...leaves.values()].flatMap((l) => [...l.members]))].sort() : [TOTAL]);
  await disclosure.decide((code, bucket, member) => evaluator.value(code, bucket, member), members, leaves);
  const units = ctx.runtime.units;
  const byLabel = new Map(request.buckets.map((b) => [b.label, b]));
  // Per code, once: its precision (the one rounding) and whether disclosure has anything to check.
  const shown = new Map<string, (value: Decimal) => string>();
  const showOf = (code: string) => {
    let show = shown.get(code);
    if (!show) shown.set(code, (show = displayOf(dict.get(code)!.def, units)));
    return show;
  };
  const valueAt = (code: string, bucket: Period, member: string): Value =>
    disclosure.concerns(code)
      ? disclosure.check(code, bucket, member, (c) => evaluator.value(c, bucket, member))
      : evaluator.value(code, bucket, member);
  const table: ValuesTable = {
    buckets: [...request.buckets],
    members,
    // A top-N answer also shows the ranking's statements (one per fact, over the whole range).
    statements: [...(ranking?.statements ?? []), ...fetched.statements],
    failures: [...(ranking?.failures ?? []), ...fetched.failures],
    snapshots: [...new Set([...leaves.values()].filter((l) => l.snapshot).map((l) => l.indicator.def.code))].sort(),
    cell(code, label, member) {
      const v = table.exact(code, label, member);
      return v.value === null ? { value: null, reason: v.reason } : { value: showOf(code)(v.value) };
    },
    cells(codes, label, member) {
      const bucket = byLabel.get(label)!;
      return codes.map((code) => {
        const v = valueAt(code, bucket, member);
        return v.value === null
          ? { code, value: null, reason: v.reason }
          : { code, value: showOf(code)(v.value), reason: undefined };
      });
    },
    exact: (code, label, member) => valueAt(code, byLabel.get(label)!, member),
  };
  return table;
}

/**
 * The first N members by `top.indicator` over the whole requested range: computed as one bucket from the
 * first period's start to the last one's end (the same engine path as grain "all", so ratios and distinct
 * counts are those of the range, not sums of periods), with the viewer's disclosure checks — a null or
 * suppressed value ranks last whatever its hidden value; ties (and nulls among themselves) by member id.
 */
async function topMembers(
  ctx: EngineContext,
  dict: Dictionary,
  request: ValuesRequest,
  top: TopRequest,
): Promise<Pick<ValuesTable, 'members' | 'statements' | 'failures'>> {
  if (request.groupBy.length === 0)
    throw badInput('top needs a grouping: rank members of one or more dimensions (by).', { argument: 'top' });
  if (!Number.isInteger(top.n) || top.n < 1)
    throw badInput(`top.n must be a positive integer (got ${top.n}).`, { argument: 'top' });
  const per = top.per === undefined ? -1 : request.groupBy.findIndex((g) => pathText(g) === top.per);
  if (top.per !== undefined && (per < 0 || request.groupBy.length < 2))
    throw badInput(
      `top.per (${top.per}) must be one of the dimensions grouped by, beside at least one other to rank within it (by: [${request.groupBy.map(pathText).join(', ')}]).`,
      { argument: 'top' },
    );
  if (!dict.get(top.indicator))
    throw badInput(
      `Unknown indicator "${top.indicator}" to rank by: browse the dictionary with { indicators { code } }.`,
      { argument: 'top' },
    );
  const first = request.buckets[0]!;
  const last = request.buckets[request.buckets.length - 1]!;
  const range = wholeRange(first, last);
  const table = await computeValues(ctx, dict, {
    ...request,
    codes: [top.indicator],
    buckets: [range],
    grain: 'all',
    top: undefined,
  });
  const sign = top.direction === 'desc' ? -1 : 1;
  const scored = table.members.map((member) => {
    const v = table.exact(top.indicator, range.label, member);
    return { member, value: v.value };
  });
  scored.sort((a, b) => {
    if (a.value === null || b.value === null)
      return a.value === b.value ? compareIds(a.member, b.member) : a.value === null ? 1 : -1;
    return sign * a.value.compare(b.value) || compareIds(a.member, b.member);
  });
  return {
    members: per < 0 ? scored.slice(0, top.n).map((s) => s.member) : perGroup(scored, per, top.n),
    statements: table.statements,
    failures: table.failures,
  };
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Top per group: the ranked members kept while their `per` part has fewer than n before them; groups in
 *  order of their `per` member's id, each in rank order. */
function perGroup(ranked: ReadonlyArray<{ member: string }>, per: number, n: number): string[] {
  const groups = new Map<string, string[]>();
  for (const { member } of ranked) {
    const key = splitMember(member)[per]!;
    const group = groups.get(key) ?? [];
    if (group.length < n) group.push(member);
    groups.set(key, group);
  }
  return [...groups.keys()].sort(compareIds).flatMap((k) => groups.get(k)!);
}

/**
 * The one rounding of a value: half-up at the indicator's precision (or its unit's, from the units file).
 * Everything before it — source sums, regrouped members, running totals — is exact.
 */
export function display(value: Decimal, def: Pick<IndicatorDefinition, 'unit' | 'precision'>, units: UnitBook): string {
  return displayOf(def, units)(value);
}

/** display for one definition: its precision looked up once, then applied to each value. */
function displayOf(def: Pick<IndicatorDefinition, 'unit' | 'precision'>, units: UnitBook): (value: Decimal) => string {
  const { places, fractional } = units.precisionOf(def);
  if (fractional === undefined) return (value) => value.toFixed(places);
  // Shown with `fractional` places when rounding to `places` would change it (compared as scaled integers).
  return (value) =>
    value.unitsAt(fractional) !== Decimal.scaled(value.unitsAt(places), places).unitsAt(fractional)
      ? value.toFixed(fractional)
      : value.toFixed(places);
}

/**
 * Refuses a request computeValues would refuse before any statement (unknown codes, cuts an indicator or
 * the viewer's access to personal data does not allow, bad groupings) with the same coded error.
 */
export function checkValues(ctx: EngineContext, dict: Dictionary, request: ValuesRequest): void {
  checkRequest(ctx, dict, request);
  new Disclosure(ctx, dict, request);
}

/** The adapters' catalog, built once per set of adapters (they and their catalogs are fixed once started). */
const catalogs = new WeakMap<ReadonlyMap<string, SourceAdapter>, { of: SourceAdapter[]; catalog: MeasureCatalog }>();
function catalogOf(adapters: ReadonlyMap<string, SourceAdapter>): MeasureCatalog {
  const known = catalogs.get(adapters);
  const current = [...adapters.values()];
  if (known && known.of.length === current.length && known.of.every((a, i) => a === current[i])) return known.catalog;
  const catalog = catalogOfAdapters(adapters);
  catalogs.set(adapters, { of: current, catalog });
  return catalog;
}

function checkRequest(ctx: EngineContext, dict: Dictionary, request: ValuesRequest): void {
  checkPage(request);
  const byCode = dict.codes;
  const catalog = catalogOf(ctx.runtime.adapters);
  const model = ctx.runtime.model;
  const seen = new Set<string>();
  for (const g of request.groupBy) {
    if (seen.has(pathText(g)))
      throw badInput(`Dimension ${pathText(g)} is asked for twice: give each dimension once.`, { argument: 'by' });
    seen.add(pathText(g));
  }
  const codes = request.top ? [...request.codes, request.top.indicator] : request.codes;
  for (const code of codes) {
    const indicator = dict.get(code);
    if (!indicator)
      throw badInput(`Unknown indicator "${code}": browse the dictionary with { indicators { code } }.`, {
        argument: 'codes',
      });
    const available = dimensionsOf(indicator, byCode, catalog);
    const wanted = [...request.groupBy.map((g) => g.dimension), ...request.filters.map((f) => f.dimension)];
    for (const d of wanted) {
      if (!available.has(d)) {
        throw badInput(
          `Indicator "${code}" cannot be cut by "${d}" (it can by: ${[...available].sort().join(', ') || 'nothing'}).`,
          {
            argument: 'groupBy',
          },
        );
      }
    }
    if (request.grain === 'all') {
      // One bucket has no previous period, year-ago period or start of year inside it.
      const periodic = [code, ...inputsClosure(dict, code)].find((c) => {
        const def = dict.get(c)!.def;
        return def.type === 'period_over_period' || (def.type === 'cumulative' && def.window !== 'to_date');
      });
      if (periodic) {
        throw badInput(
          `Indicator "${code}" compares or accumulates periods (${periodic}), which one bucket over the whole range (grain ALL) does not have: use a calendar grain.`,
          {
            argument: 'grain',
          },
        );
      }
    }
  }
  for (const g of request.groupBy) {
    if (!g.attribute) continue;
    const entity = model.dimensions[g.dimension]!;
    const path = resolveGroupPath(model, entity, g.attribute.split('.'));
    // Every field the grouping reads must be visible unmasked (a path: every hop).
    for (const hop of 'hops' in path ? path.hops : [{ entity, field: g.attribute }]) {
      const verdict = ctx.runtime.policy.field(hop.entity, hop.field, ctx.viewer.roles);
      if (verdict.decision !== 'allow') {
        throw new HubError(
          'FORBIDDEN',
          `Grouping by ${pathText(g)} is not permitted: your roles may not see ${hop.entity}.${hop.field} unmasked.`,
          {
            reason: 'FIELD_MASKED',
            field: `${hop.entity}.${hop.field}`,
            rule: verdict.rule,
          },
        );
      }
    }
  }
  if (request.rollup) {
    const organisation = organisationDimension(model);
    const org = organisationOf(model);
    if (!organisation || !org || !parentFieldOf(org)) {
      throw badInput(
        'rollup needs an organisation unit with a parent in the model (an entity file with `organisation:` and a reference to itself).',
        { argument: 'rollup' },
      );
    }
    if (
      request.groupBy.length !== 1 ||
      request.groupBy[0]!.dimension !== organisation ||
      request.groupBy[0]!.attribute
    ) {
      throw badInput(
        `rollup needs groupBy: ${organisation} alone, i.e. by: [${organisation}] (it adds each ${org.name}'s subtree).`,
        { argument: 'rollup' },
      );
    }
  }
}
