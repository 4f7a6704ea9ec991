import type { AuditRecordResolvers, QueryResolvers } from '../generated/graphql';
import { eventTypeOf, type AuditRecord } from '../audit/record';
import { badInput } from '../errors';

/** The audit log as auditors query and verify it (permission: policy Query.auditLog / verifyAuditChain). */
export const auditQueries: Pick<QueryResolvers, 'auditLog' | 'verifyAuditChain'> = {
  auditLog: async (_p, args, ctx) => {
    const first = args.first ?? 100;
    if (first < 1 || first > 500)
      throw badInput(`first must be between 1 and 500, received ${first}.`, { argument: 'first' });
    const page = await ctx.runtime.audit.query(
      {
        principal: args.principal ?? undefined,
        from: args.from ?? undefined,
        to: args.to ?? undefined,
        indicator: args.indicator ?? undefined,
        field: args.field ?? undefined,
        outcome: args.outcome ?? undefined,
      },
      { first, after: args.after ?? null },
    );
    return page as never;
  },
  verifyAuditChain: async (_p, _a, ctx) => {
    const result = await ctx.runtime.audit.verify();
    return {
      ok: result.ok,
      checked: result.checked,
      headSeq: result.head?.seq ?? null,
      headHash: result.head?.hash ?? null,
      firstBrokenSeq: result.firstBroken?.seq ?? null,
      reason: result.firstBroken?.reason ?? null,
    };
  },
};

export const AuditRecordType: AuditRecordResolvers = {
  variables: (r) => {
    const v = (r as unknown as AuditRecord).variables;
    return v === null ? null : JSON.stringify(v);
  },
  lifecycleEvents: (r) => (r as unknown as AuditRecord).events ?? [],
  eventType: (r) => eventTypeOf(r as unknown as AuditRecord),
  address: (r) => (r as unknown as AuditRecord).ip,
  refusalKind: (r) => (r as unknown as AuditRecord).refusals?.kind ?? null,
  refusalCount: (r) => (r as unknown as AuditRecord).refusals?.count ?? null,
  refusalFirstAt: (r) => (r as unknown as AuditRecord).refusals?.firstAt ?? null,
  refusalLastAt: (r) => (r as unknown as AuditRecord).refusals?.lastAt ?? null,
  recordIds: (r) => ((r as unknown as AuditRecord).recordIds ?? []).map((x) => ({ ...x, more: x.more ?? 0 })),
  arguments: (r) => {
    const a = (r as unknown as AuditRecord).arguments;
    return a ? JSON.stringify(a) : null;
  },
  indicatorInputs: (r) =>
    (r as unknown as AuditRecord).indicators.map((i) => ({ code: i.code, version: i.version, inputs: i.inputs ?? [] })),
  suppressed: (r) => (r as unknown as AuditRecord).suppressed ?? [],
  systemEvent: (r) => {
    const e = (r as unknown as AuditRecord).system;
    return e ? { kind: e.kind, details: JSON.stringify(e.details) } : null;
  },
};
