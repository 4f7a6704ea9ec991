import type { QueryResolvers } from '../generated/graphql';
import { entityById, listEntities } from '../hub/entities';
import { SOURCES, SOURCE_NAMES } from '../sources/registry';
import { pageOf } from './args';

export const Query: QueryResolvers = {
  departments: (_p, args, ctx) =>
    listEntities(ctx, 'Department', pageOf(ctx, args), args.ids ? { field: 'key', ids: args.ids } : undefined),
  department: (_p, args, ctx) => entityById(ctx, 'Department', args.id),
  employees: (_p, args, ctx) =>
    listEntities(ctx, 'Employee', pageOf(ctx, args), args.departmentId ? { field: 'department', ids: [args.departmentId] } : undefined),
  employee: (_p, args, ctx) => entityById(ctx, 'Employee', args.id),
  customers: (_p, args, ctx) => listEntities(ctx, 'Customer', pageOf(ctx, args)),
  customer: (_p, args, ctx) => entityById(ctx, 'Customer', args.id),
  suppliers: (_p, args, ctx) => listEntities(ctx, 'Supplier', pageOf(ctx, args)),
  supplier: (_p, args, ctx) => entityById(ctx, 'Supplier', args.id),
  products: (_p, args, ctx) => listEntities(ctx, 'Product', pageOf(ctx, args)),
  sources: async (_p, _args, ctx) =>
    Promise.all(
      SOURCE_NAMES.map(async (name) => {
        const health = await ctx.runtime.adapters.get(name)!.health();
        return {
          name,
          description: SOURCES[name].description,
          engine: ctx.runtime.config.sources[name].engine,
          ok: health.ok,
          latencyMs: health.latencyMs,
        };
      }),
    ),
};
