import type { AuditRecordResolvers, QueryResolvers } from '../generated/graphql';
import type { AuditRecord } from '../audit/record';
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
  questions: (r) => (r as unknown as AuditRecord).questions ?? [],
};
