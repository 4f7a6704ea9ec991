import type { ChangeRequest } from '../governance/types';
import type {
  ChangeRequestResolvers,
  ColumnRole,
  DependencyKind as GraphQLDependencyKind,
  ImpactFlagKind,
  IndicatorResolvers,
  Lineage as GraphQLLineage,
  QueryResolvers,
  ResolversTypes,
} from '../generated/graphql';
import { impactOf, registeredDocuments, type RegisteredInterest } from '../governance/impact';
import { lineageGraph, mappingsOf, type Dependency } from '../governance/lineage';
import type { HubContext } from '../app/context';
import type { Dictionary, Indicator } from '../indicators/dictionary';

/**
 * Lineage and impact in the API: computed from the request's published dictionary (ctx.dictionary) and the
 * source mappings. An indicator that is not in it — a change request's proposal — is placed into a copy
 * of it, so a draft shows the lineage it would have.
 */
const withProposals = new WeakMap<Indicator, Dictionary>();

function dictionaryFor(ctx: HubContext, i: Indicator): Dictionary {
  if (ctx.dictionary.get(i.def.code) === i) return ctx.dictionary;
  let dict = withProposals.get(i);
  if (!dict) {
    dict = ctx.dictionary.with(i);
    withProposals.set(i, dict);
  }
  return dict;
}

const upper = <T extends string>(s: string) => s.toUpperCase() as T;

function dependencyView(dict: Dictionary, d: Dependency): ResolversTypes['IndicatorDependency'] {
  return { code: d.code, path: d.path, via: upper<GraphQLDependencyKind>(d.via), indicator: dict.get(d.code) ?? null };
}

export const IndicatorLineage: Pick<IndicatorResolvers, 'lineage' | 'dependents'> = {
  lineage: (i, _a, ctx): GraphQLLineage => {
    const lineage = lineageGraph(dictionaryFor(ctx, i), mappingsOf(ctx.runtime.model)).lineage(i.def.code);
    return {
      upstream: lineage.upstream,
      columns: lineage.columns.map((c) => ({ ...c, roles: c.roles.map((r) => upper<ColumnRole>(r)) })),
      tables: lineage.tables,
      sources: lineage.sources,
    };
  },
  dependents: (i, _a, ctx) => {
    const dict = dictionaryFor(ctx, i);
    return lineageGraph(dict)
      .dependents(i.def.code)
      .map((d) => dependencyView(dict, d));
  },
};

export const lineageQueries: Pick<QueryResolvers, 'columnImpact'> = {
  columnImpact: (_p, args, ctx) =>
    lineageGraph(ctx.dictionary, mappingsOf(ctx.runtime.model))
      .readersOf({ source: args.source, table: args.table, column: args.column ?? null })
      .map((r) => ctx.dictionary.get(r.code)!),
};

/** Dashboards that registered interest: the notice subscriptions (src/notices) naming an affected code. */
const registeredInterestOf =
  (ctx: HubContext): RegisteredInterest =>
  (codes) =>
    ctx.runtime.notices.registeredInterest(codes);

type ChangeOf = Pick<ChangeRequest, 'code' | 'kind' | 'definition' | 'successor'>;

export const ChangeRequestImpact: Pick<ChangeRequestResolvers, 'impact'> = {
  impact: async (change, _a, ctx) => {
    // A decided change shows the report as it was when it was decided (kept in the decision's audit record).
    if (change.state !== 'draft' && change.state !== 'in_review')
      return (await ctx.runtime.audit.impactAtDecision(Number(change.id))) as never;
    return impactView(change, ctx);
  },
};

/** What approving `change` would affect now, as the API shows it. */
export async function impactView(change: ChangeOf, ctx: HubContext) {
  {
    const report = await impactOf(
      { code: change.code, kind: change.kind, definition: change.definition, successor: change.successor },
      {
        dictionary: ctx.dictionary,
        documents: registeredDocuments(ctx.runtime.config.security.trustedDocumentsFile),
        registeredInterest: registeredInterestOf(ctx),
        model: ctx.runtime.model,
      },
    );
    const dict = ctx.dictionary;
    return {
      code: report.code,
      kind: upper<ResolversTypes['ChangeKind']>(report.kind),
      dependents: report.dependents.map((d) => dependencyView(dict, d)),
      owners: report.owners.map(({ codes, ...owner }) => ({ owner, codes })),
      operations: report.operations.map((o) => ({
        ...o,
        verdict: upper<ResolversTypes['OperationVerdict']>(o.verdict),
      })),
      dashboards: report.dashboards,
      flags: report.flags.map((f) => ({ kind: upper<ImpactFlagKind>(f.kind), message: f.message })),
    };
  }
}
