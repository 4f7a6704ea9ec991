import { parse as parseYaml } from 'yaml';
import type {
  ChangeRequestResolvers,
  IndicatorVersionRecordResolvers,
  MutationResolvers,
  QueryResolvers,
} from '../generated/graphql';
import { badInput } from '../errors';
import { diffDefinitions } from '../governance/diff';
import type { LifecycleHooks } from '../governance/service';
import type { ChangeKind, ChangeState } from '../governance/types';
import { changeId, draftIndicator } from '../governance/view';
import { definitionToYaml } from '../governance/yaml-io';
import type { HubContext } from '../app/context';
import type { JsonValue } from '../audit/record';
import { impactView } from './lineage';
import { indicatorSchema, type IndicatorDefinition } from '../indicators/definition';

const MAX_CHANGES = 200;

/** Change requests as their author, the domain's approvers and auditors see them. */
export const governanceQueries: Pick<QueryResolvers, 'indicatorChanges' | 'indicatorChange'> = {
  indicatorChanges: (_p, args, ctx) => {
    const limit = args.limit ?? 50;
    if (limit < 1 || limit > MAX_CHANGES)
      throw badInput(`limit must be between 1 and ${MAX_CHANGES}, received ${limit}.`, { argument: 'limit' });
    const offset = args.offset ?? 0;
    if (offset < 0) throw badInput('offset must not be negative.', { argument: 'offset' });
    return ctx.runtime.governance.changes(ctx.viewer, {
      code: args.code ?? undefined,
      states: args.states?.map((s) => s.toLowerCase() as ChangeState),
      limit,
      offset,
    });
  },
  indicatorChange: async (_p, args, ctx) =>
    (await ctx.runtime.governance.change(ctx.viewer, changeId(args.id))) ?? null,
};

/**
 * The impact report of a change about to be decided goes into the decision's audit record, so it stays
 * readable (ChangeRequest.impact) once the change is decided. A change the viewer may not see, or whose
 * report cannot be computed, is left to the decision itself to refuse.
 */
async function keepImpact(ctx: HubContext, id: number): Promise<void> {
  const change = await ctx.runtime.governance.change(ctx.viewer, id).catch(() => null);
  if (!change || (change.state !== 'draft' && change.state !== 'in_review')) return;
  const report = await impactView(change as never, ctx).catch(() => null);
  if (report) ctx.audit.impact = { changeId: id, report: JSON.parse(JSON.stringify(report)) as JsonValue };
}

/** Each step's events go to the request's audit record (written before the response leaves). */
const hooksOf = (ctx: HubContext): LifecycleHooks => ({ audit: (event) => ctx.audit.lifecycle(event) });

export const governanceMutations: MutationResolvers = {
  proposeIndicatorChange: (_p, { input }, ctx) =>
    ctx.runtime.governance.propose(
      ctx.viewer,
      {
        code: input.code,
        kind: input.kind.toLowerCase() as ChangeKind,
        definition:
          input.definition === null || input.definition === undefined ? undefined : definitionOf(input.definition),
        reason: input.reason,
        successor: input.successor ?? undefined,
        baseVersion: input.baseVersion ?? undefined,
        submit: input.submit ?? false,
      },
      hooksOf(ctx),
    ),
  editIndicatorChange: (_p, args, ctx) =>
    ctx.runtime.governance.edit(
      ctx.viewer,
      changeId(args.id),
      args.expectedRevision,
      { definition: args.definition ? definitionOf(args.definition) : undefined, reason: args.reason ?? undefined },
      hooksOf(ctx),
    ),
  submitIndicatorChange: (_p, args, ctx) =>
    ctx.runtime.governance.submit(ctx.viewer, changeId(args.id), args.expectedRevision, hooksOf(ctx)),
  withdrawIndicatorChange: (_p, args, ctx) =>
    ctx.runtime.governance.withdraw(ctx.viewer, changeId(args.id), args.expectedRevision, hooksOf(ctx)),
  approveIndicatorChange: async (_p, args, ctx) => {
    await keepImpact(ctx, changeId(args.id));
    return ctx.runtime.governance.approve(
      ctx.viewer,
      changeId(args.id),
      args.expectedRevision,
      args.comment,
      hooksOf(ctx),
    );
  },
  rejectIndicatorChange: async (_p, args, ctx) => {
    await keepImpact(ctx, changeId(args.id));
    return ctx.runtime.governance.reject(
      ctx.viewer,
      changeId(args.id),
      args.expectedRevision,
      args.comment,
      hooksOf(ctx),
    );
  },
};

/** A definition sent as YAML (or JSON), checked against the schema with every problem named. */
function definitionOf(text: string): IndicatorDefinition {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw badInput(`The definition is not valid YAML: ${(error as Error).message.split('\n')[0]}`, {
      argument: 'definition',
    });
  }
  const parsed = indicatorSchema.safeParse(doc);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(definition)'}: ${i.message}`).join('; ');
    throw badInput(
      `The definition does not match the indicator schema: ${problems}. Export a published one (indicator { history { definition } }) for the format.`,
      {
        argument: 'definition',
      },
    );
  }
  return parsed.data;
}

export const ChangeRequestType: ChangeRequestResolvers = {
  id: (c) => String(c.id),
  kind: (c) => c.kind.toUpperCase() as never,
  state: (c) => c.state.toUpperCase() as never,
  definition: (c) => (c.definition ? definitionToYaml(c.definition) : null),
  proposed: (c, _a, ctx) =>
    c.definition && (c.state === 'draft' || c.state === 'in_review') ? draftIndicator(ctx, c.id) : null,
  diff: (c, _a, ctx) => {
    const base = c.baseVersion
      ? ctx.runtime.governance.definitions.version(c.code, c.baseVersion)?.definition
      : undefined;
    return diffDefinitions(base ?? null, c.kind === 'archive' ? (base ?? null) : c.definition);
  },
};

export const IndicatorVersionRecordType: IndicatorVersionRecordResolvers = {
  definition: (v) => definitionToYaml(v.definition),
  changeId: (v) => (v.changeId === null ? null : String(v.changeId)),
};
