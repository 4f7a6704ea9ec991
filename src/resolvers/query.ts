import type { QueryResolvers } from '../generated/graphql';

/** Query fields that are not the model's lists and lookups (those come from src/resolvers/entities.ts). */
export const Query: Pick<QueryResolvers, 'sources'> = {
  sources: async (_p, _args, ctx) =>
    Promise.all(
      Object.values(ctx.runtime.model.sources).map(async (source) => {
        const health = await ctx.runtime.adapters.get(source.name)!.health();
        return {
          name: source.name,
          description: source.description,
          engine: ctx.runtime.config.sources[source.name]!.engine,
          ok: health.ok,
          latencyMs: health.latencyMs,
        };
      }),
    ),
};
