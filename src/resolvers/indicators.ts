import type { GraphQLFieldResolver } from 'graphql';
import type {
  Grain as GraphQLGrain,
  IndicatorResolvers,
  IndicatorCell,
  QueryIndicatorValuesArgs,
  QueryResolvers,
} from '../generated/graphql';
import { computeValues, display, type StatementProvenance, type ValuesRequest } from '../engine';
import { valuesRequestOf } from './values-request';
import { asListItems, inChunks } from '../engine/chunked';
import { resolveGroupPath } from '../engine/group-path';
import { pathText, type GroupBy } from '../engine/request';
import { splitMember } from '../engine/members';
import { NONE } from '../engine/regroup';
import { badInput } from '../errors';
import type { HubContext } from '../app/context';
import { fieldValue, type EntityParent } from '../federation/entities';
import type { Dictionary, Indicator } from '../indicators/dictionary';
import { inputsClosure, inputsOf } from '../indicators/graph';
import { archivedWarnings, draftIndicator, selectDefinitions } from '../governance/view';
import type { CompanyModel } from '../model/entities';
import { periodOf } from './args';

export const indicatorQueries: Pick<QueryResolvers, 'indicators' | 'indicator' | 'indicatorValues'> = {
  indicators: (_p, args, ctx) =>
    ctx.dictionary.search(args.search ?? undefined, {
      tag: args.tag,
      owner: args.owner,
      includeArchived: args.includeArchived,
    }),
  indicator: async (_p, args, ctx) => {
    const { code, version, asOf, draft } = args;
    if (draft !== null && draft !== undefined) {
      const proposed = await draftIndicator(ctx, draft);
      if (proposed.def.code !== code)
        throw badInput(`Change request #${draft} proposes ${proposed.def.code}, not ${code}.`, { argument: 'draft' });
      return proposed;
    }
    const dict = await selectDefinitions(ctx, {
      asOf,
      versions: version === null || version === undefined ? null : [{ code, version }],
    });
    return dict.get(code) ?? null;
  },
  indicatorValues: (_p, args, ctx) => indicatorTable(ctx, args),
};

/**
 * indicatorValues: the arguments read, the definitions selected, computeValues, the table as the API returns it.
 * `ask` (src/resolvers/ask.ts) computes through this same function.
 */
export async function indicatorTable(ctx: HubContext, args: QueryIndicatorValuesArgs) {
  {
    const request = valuesRequestOf(ctx, args);
    const buckets = request.buckets;
    const dict = await selectDefinitions(ctx, { asOf: args.asOf, versions: args.versions, draft: args.draft });
    const table = await computeValues(ctx, dict, request);
    const warnings = [
      ...archivedWarnings(ctx, dict, request.codes),
      ...snapshotWarnings(dict, request.codes, table.snapshots),
    ];
    const members = table.members.map((id) => membersOf(ctx.runtime.model, request.groupBy, id));
    const indicators = request.codes.map((c) => dict.get(c)!);
    const explain = request.codes.map((code) =>
      explainOf(dict, code, table.statements, request, table.snapshots, ctx.runtime.model),
    );
    let rows: ReturnType<typeof asListItems<RowItem>> | undefined;
    let series: ReturnType<typeof asListItems<SeriesItem>> | undefined;
    return {
      warnings,
      asOf: asOfBySource(table.statements),
      sourceErrors: table.failures.map((e) => ({
        source: String(e.extensions.source ?? ''),
        code: String(e.extensions.code),
        message: e.message,
      })),
      statements: table.statements,
      pageInfo: table.page ?? null,
      explain,
      grain: args.grain,
      periods: buckets.map((b) => ({ label: b.label, from: b.from, to: b.to })),
      indicators,
      by: request.groupBy.map(pathText),
      groupBy: request.groupBy[0] ? pathText(request.groupBy[0]) : null,
      // The same cells two ways: each built only if the query selects it (a dashboard asks for one), a
      // chunk at a time so a large table does not hold the event loop (src/engine/chunked.ts). Built once
      // per table: graphql-jit's compiled code reads a field's property several times (null check, list
      // check, iteration), and each read of an unmemoised getter built every cell again.
      get rows() {
        const codes = request.codes;
        return (rows ??= asListItems(
          inChunks(buckets.length * members.length, codes.length, (i) => {
            const b = buckets[Math.floor(i / members.length)]!;
            const member = members[i % members.length]!;
            return {
              period: b.label,
              members: member.parts,
              member: member.parts[0] ?? null,
              cells: table.cells(codes, b.label, member.id),
            };
          }),
        ));
      },
      get series() {
        return (series ??= asListItems(
          inChunks(request.codes.length * members.length, buckets.length, (i) => {
            const code = request.codes[Math.floor(i / members.length)]!;
            const member = members[i % members.length]!;
            return {
              code,
              members: member.parts,
              member: member.parts[0] ?? null,
              points: buckets.map((b) => ({ period: b.label, ...table.cell(code, b.label, member.id) })),
            };
          }),
        ));
      },
    };
  }
}

function explainOf(
  dict: Dictionary,
  code: string,
  statements: StatementProvenance[],
  request: ValuesRequest,
  snapshots: readonly string[],
  model: CompanyModel,
) {
  const indicator = dict.get(code)!;
  const closure = new Map(inputsClosure(dict, code).map((c) => [c, dict.get(c)!]));
  const all = new Set([code, ...closure.keys()]);
  return {
    code,
    version: indicator.version,
    type: indicator.def.type,
    definition: indicator.def.definition,
    formula: formulaText(indicator),
    inputs: [...closure.values()]
      .map((i) => ({ code: i.def.code, version: i.version, fingerprint: i.fingerprint }))
      .sort((a, b) => a.code.localeCompare(b.code)),
    statements: statements.filter((s) => s.indicators.some((i) => all.has(i.code))),
    filters: [
      ...request.filters.map((f) => `${f.dimension} in (${f.ids.join(', ')})`),
      ...(request.rollup ? ['each organisation unit includes its subtree'] : []),
      ...(request.top
        ? [
            `top ${request.top.n} members by ${request.top.indicator}${request.top.per ? ` per ${request.top.per}` : ''} over ${rangeText(request)} (${request.top.direction === 'desc' ? 'highest' : 'lowest'} first)`,
          ]
        : []),
    ],
    notes: [
      ...snapshots
        .filter((s) => all.has(s))
        .map(
          (s) =>
            `snapshot, as of now: ${s} is read from a fact without time or validity, so every period shows its current value`,
        ),
      ...bridgeNotes(model, request),
    ],
  };
}

/** What a many-to-many dimension of the request does to the numbers (src/engine/bridges.ts). */
function bridgeNotes(model: CompanyModel, request: ValuesRequest): string[] {
  const used = new Set([...request.groupBy.map((g) => g.dimension), ...request.filters.map((f) => f.dimension)]);
  return [...used].flatMap((d) => {
    const b = model.bridges?.[d];
    if (!b) return [];
    return [
      `many-to-many: ${d} is reached from ${b.through} through ${b.bridge}; a row counts once in each ${d} its ${b.through} reaches (so ${d} members may add up to more than the total), once in the total, and in (none) when it reaches no ${d}`,
    ];
  });
}

function asOfBySource(statements: StatementProvenance[]) {
  const out = new Map<string, { source: string; asOf: string; cached: boolean }>();
  for (const s of statements) {
    const prev = out.get(s.source);
    if (!prev || s.asOf < prev.asOf) out.set(s.source, { source: s.source, asOf: s.asOf, cached: s.cached });
  }
  return [...out.values()].sort((a, b) => a.source.localeCompare(b.source));
}

export function formulaText(i: Indicator): string | null {
  const d = i.def;
  if (d.type === 'formula') return d.formula;
  if (d.type === 'ratio') return `${d.numerator} / ${d.denominator}${d.scale !== 1 ? ` * ${d.scale}` : ''}`;
  if (d.type === 'cumulative') return `${d.window}${d.periods ? `(${d.periods})` : ''} of ${d.base}`;
  if (d.type === 'period_over_period')
    return `${d.as} of ${d.base} vs ${d.compare === 'previous' ? 'the previous period' : 'a year earlier'}`;
  return null;
}

/** A member of the grouping: one part per dimension path; names are looked up only if the query asks for them (Member.name). */
function membersOf(model: CompanyModel, paths: readonly GroupBy[], id: string): { id: string; parts: MemberParent[] } {
  if (paths.length === 0) return { id, parts: [] };
  const ids = splitMember(id);
  return { id, parts: paths.map((g, i) => memberOf(model, g, ids[i]!)) };
}

function memberOf(model: CompanyModel, groupBy: GroupBy, id: string): MemberParent {
  const entity = model.dimensions[groupBy.dimension] ?? null;
  if (!groupBy.attribute || !entity) return { id, entity: id === NONE ? null : entity };
  // Regrouped by a reference (a.b): members are the referenced entity's ids, named by it.
  const path = resolveGroupPath(model, entity, groupBy.attribute.split('.'));
  return { id, entity: 'target' in path && id !== NONE ? path.target : null };
}

function snapshotWarnings(dict: Dictionary, codes: readonly string[], snapshots: readonly string[]): string[] {
  return codes.flatMap((code) => {
    const from = snapshots.filter((s) => s === code || inputsClosure(dict, code).includes(s));
    return from.length
      ? [`${code} is read from a snapshot (${from.join(', ')}): every period shows its current value, as of now.`]
      : [];
  });
}

const rangeText = (request: ValuesRequest) => {
  const first = request.buckets[0]!;
  const last = request.buckets[request.buckets.length - 1]!;
  return first.label === last.label ? first.label : `${first.label}..${last.label}`;
};

interface RowItem {
  period: string;
  members: MemberParent[];
  member: MemberParent | null;
  cells: Array<{ code: string; value: string | null; reason?: string | undefined }>;
}

interface SeriesItem {
  code: string;
  members: MemberParent[];
  member: MemberParent | null;
  points: Array<{ period: string; value: string | null; reason?: string | undefined }>;
}

interface MemberParent {
  id: string;
  entity: string | null;
}

export const MemberType = {
  id: (m: MemberParent) => m.id,
  name: async (m: MemberParent, _args: unknown, ctx: HubContext) => {
    if (!m.entity) return m.id;
    const name = await fieldValue(ctx, { entity: m.entity, id: m.id, rows: {} }, 'name');
    return typeof name === 'string' ? name : null;
  },
};

export const IndicatorType: IndicatorResolvers = {
  code: (i) => i.def.code,
  nameZh: (i) => i.def.name.zh,
  nameEn: (i) => i.def.name.en,
  synonyms: (i) => i.def.synonyms,
  definition: (i) => i.def.definition,
  owner: (i) => i.def.owner,
  unit: (i) => i.def.unit,
  precision: (i, _a, ctx) => ctx.runtime.units.precisionOf(i.def).places,
  format: (i) => i.def.format,
  direction: (i) => i.def.direction,
  type: (i) => i.def.type,
  measure: (i) => (i.def.type === 'simple' ? i.def.measure : null),
  formula: (i) => formulaText(i),
  inputs: (i, _a, ctx) => inputsOf(i).map((c) => ctx.dictionary.get(c)!),
  sources: (i, _a, ctx) => [...sourcesOf(ctx, i, new Set())].sort(),
  dimensions: (i) => i.def.dimensions,
  additivity: (i) => i.def.additivity,
  tags: (i) => i.def.tags,
  version: (i) => i.version,
  versionNumber: (i) => i.versionNumber,
  fingerprint: (i) => i.fingerprint,
  domain: (i) => i.def.domain,
  status: (i) => i.status.toUpperCase() as never,
  successor: (i, _a, ctx) => (i.successor ? (ctx.dictionary.get(i.successor) ?? null) : null),
  history: (i, _a, ctx) => [...ctx.runtime.governance.history(i.def.code)],
};

/** IndicatorOwner's organisation-unit field comes from the model (src/resolvers/organisation.ts). */
export const IndicatorOwner = {};

function sourcesOf(ctx: HubContext, i: Indicator, into: Set<string>): Set<string> {
  if (i.def.type === 'simple') into.add(i.def.measure.source);
  for (const c of inputsOf(i)) sourcesOf(ctx, ctx.dictionary.get(c)!, into);
  return into;
}

/**
 * `<Entity>.indicators(codes:, period:)` for an entity that is the fact dimension `dimension`: through the
 * request's values loader, so every row, every code and the entity's figures in the same period share one
 * computation, grouped and filtered by that dimension. A code the engine refuses fails the field.
 */
export function memberIndicators(
  dimension: string,
): GraphQLFieldResolver<EntityParent, HubContext, { codes: string[]; period: string }> {
  return async (parent, args, ctx) => {
    const period = periodOf(ctx, args.period);
    const member = parent.id;
    const load = (code: string) => ctx.loaders.values.load({ indicator: code, dimension, period, member });
    const values = await Promise.all(args.codes.map(load));
    return args.codes.map((code, i): IndicatorCell => {
      const v = values[i]!;
      if (v.value === null) return { code, value: null, reason: v.reason };
      return { code, value: display(v.value, ctx.dictionary.get(code)!.def, ctx.runtime.units) };
    });
  };
}

export type { GraphQLGrain };
