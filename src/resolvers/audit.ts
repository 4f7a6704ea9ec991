import type { GraphQLSchema } from 'graphql';
import type { AuditRecordResolvers, QueryResolvers } from '../generated/graphql';
import { eventTypeOf, type AuditRecord } from '../audit/record';
import { roleHolders } from '../audit/access-snapshot';
import { personalCodes } from '../auth/personal-data';
import { badInput } from '../errors';
import { didYouMean, nearest } from '../values/suggest';
import type { HubContext } from '../app/context';
import { effectiveAccess, schemaFields } from './access';

type AuditQueries = 'auditLog' | 'verifyAuditChain' | 'effectiveAccess' | 'roleHolders' | 'disclosureLog';

/** The audit log as auditors query and verify it (permission: policy Query.auditLog / verifyAuditChain…). */
export const auditQueries: Pick<QueryResolvers, AuditQueries> = {
  auditLog: async (_p, args, ctx, info) => {
    const first = args.first ?? 100;
    if (first < 1 || first > 500)
      throw badInput(`first must be between 1 and 500, received ${first}.`, { argument: 'first' });
    await checkNames(ctx, info.schema, args);
    const page = await ctx.runtime.audit.query(
      {
        principal: args.principal ?? undefined,
        from: args.from ?? undefined,
        to: args.to ?? undefined,
        indicator: args.indicator ?? undefined,
        field: args.field ?? undefined,
        outcome: args.outcome ?? undefined,
        address: args.address ?? undefined,
        role: args.role ?? undefined,
        requestId: args.requestId ?? undefined,
        eventType: args.eventType ?? undefined,
        personalData: args.personalData
          ? { indicators: personalCodes(ctx.dictionary, ctx.runtime.policy).map((p) => p.code) }
          : undefined,
      },
      { first, after: args.after ?? null },
    );
    return page as never;
  },
  verifyAuditChain: async (_p, args, ctx) => {
    const anchor = args.anchor ?? undefined;
    if (anchor && (!/^[0-9a-f]{64}$/.test(anchor.hash) || anchor.seq < 1))
      throw badInput('anchor: seq is a positive record number and hash 64 lowercase hex digits.', {
        argument: 'anchor',
      });
    const result = await ctx.runtime.audit.verify({ anchor });
    return {
      ok: result.ok,
      checked: result.checked,
      headSeq: result.head?.seq ?? null,
      headHash: result.head?.hash ?? null,
      firstBrokenSeq: result.firstBroken?.seq ?? null,
      reason: result.firstBroken?.reason ?? null,
    };
  },
  effectiveAccess: (_p, args, ctx, info) => effectiveAccess(ctx, info.schema, args.principal, args.fields ?? null),
  roleHolders: async (_p, args, ctx) => {
    const roles = Object.keys(ctx.runtime.policy.policy.roles);
    if (!roles.includes(args.role))
      throw badInput(`Unknown role "${args.role}"${didYouMean(args.role, roles)}.`, { argument: 'role' });
    const today = new Date().toISOString().slice(0, 10);
    return { role: args.role, holders: await roleHolders(ctx.runtime.policy, ctx.runtime.org, args.role, today) };
  },
  disclosureLog: async (_p, args, ctx) => {
    const first = args.first ?? 100;
    if (first < 1 || first > 500)
      throw badInput(`first must be between 1 and 500, received ${first}.`, { argument: 'first' });
    const entries = await ctx.runtime.disclosure.readForAuditors({
      principal: args.principal ?? undefined,
      from: instant(args.from, 'from'),
      to: instant(args.to, 'to'),
      before: args.after ?? undefined,
      limit: first + 1,
    });
    const page = entries.slice(0, first);
    return { entries: page, nextCursor: entries.length > first ? page[page.length - 1]!.id : null };
  },
};

/**
 * Names in filters must name something: a field of the schema, a role of the policy, a principal the people
 * directory, the policy or the log knows, an indicator of the dictionary or the log. A typo is an error with
 * a did-you-mean — never an empty page that reads as "nobody did it".
 */
async function checkNames(
  ctx: HubContext,
  schema: GraphQLSchema,
  args: { field?: string | null; role?: string | null; principal?: string | null; indicator?: string | null },
): Promise<void> {
  const log = ctx.runtime.audit;
  if (args.field) {
    const fields = schemaFields(schema);
    if (!fields.includes(args.field)) {
      const near = nearest(args.field, fields);
      throw badInput(`Unknown field "${args.field}"${near ? ` (did you mean "${near}"?)` : ': expected Type.field'}.`, {
        argument: 'field',
      });
    }
  }
  if (args.role) {
    const roles = Object.keys(ctx.runtime.policy.policy.roles);
    if (!roles.includes(args.role) && !(await log.mentions('role', args.role)))
      throw badInput(`Unknown role "${args.role}"${didYouMean(args.role, roles)}.`, { argument: 'role' });
  }
  if (args.indicator) {
    const codes = ctx.dictionary.all().map((i) => i.def.code);
    if (!codes.includes(args.indicator) && !(await log.mentions('indicator', args.indicator))) {
      const near = nearest(args.indicator, codes);
      throw badInput(`Unknown indicator "${args.indicator}"${near ? ` (did you mean "${near}"?)` : ''}.`, {
        argument: 'indicator',
      });
    }
  }
  if (args.principal) {
    const p = args.principal;
    const keys = ctx.runtime.policy.policy.apiKeys.map((k) => `apikey:${k.id}`);
    const known =
      ['anonymous', 'hub', '*'].includes(p) ||
      keys.includes(p) ||
      (await log.mentions('principal', p)) ||
      (!p.startsWith('apikey:') && (await ctx.runtime.org.knownPeople([p]).catch(() => new Set<string>())).has(p));
    if (!known) {
      const near = nearest(p, [...keys, ...(await log.principals())]);
      throw badInput(
        `Unknown principal "${p}": neither the people directory, the policy nor the audit log knows it${near ? ` (did you mean "${near}"?)` : ''}.`,
        { argument: 'principal' },
      );
    }
  }
}

function instant(value: string | null | undefined, argument: 'from' | 'to'): string | undefined {
  if (value === null || value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw badInput(`${argument} is not a date-time: "${value}".`, { argument });
  return date.toISOString();
}

const rec = (r: unknown) => r as AuditRecord;

export const AuditRecordType: AuditRecordResolvers = {
  variables: (r) => {
    const v = rec(r).variables;
    return v === null ? null : JSON.stringify(v);
  },
  lifecycleEvents: (r) => rec(r).events ?? [],
  eventType: (r) => eventTypeOf(rec(r)),
  address: (r) => rec(r).ip,
  refusalKind: (r) => rec(r).refusals?.kind ?? null,
  refusalCount: (r) => rec(r).refusals?.count ?? null,
  refusalFirstAt: (r) => rec(r).refusals?.firstAt ?? null,
  refusalLastAt: (r) => rec(r).refusals?.lastAt ?? null,
  recordIds: (r) => (rec(r).recordIds ?? []).map((x) => ({ ...x, more: x.more ?? 0 })),
  arguments: (r) => {
    const a = rec(r).arguments;
    return a ? JSON.stringify(a) : null;
  },
  indicatorInputs: (r) => rec(r).indicators.map((i) => ({ code: i.code, version: i.version, inputs: i.inputs ?? [] })),
  suppressed: (r) => rec(r).suppressed ?? [],
  systemEvent: (r) => {
    const e = rec(r).system;
    return e ? { kind: e.kind, details: JSON.stringify(e.details) } : null;
  },
  questions: (r) => rec(r).questions ?? [],
  responseCacheHit: (r) => rec(r).responseCache === 'hit',
};
