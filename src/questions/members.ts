import type { EngineContext } from '../engine/context';
import { fieldValue, listEntities } from '../federation/entities';
import { isRef } from '../model/entities';
import { memberEntities, type MemberRow, type MemberRows } from './lexicon';

/** Rows read per entity for names: a question names members, it does not page through a table. */
export const MAX_MEMBER_ROWS = 5000;

/**
 * The rows whose names a question may use, read through the ordinary entity path: the viewer's row scope
 * applies (a sales rep's lexicon holds their own customers only), and a field the policy does not allow
 * unmasked for the viewer's roles — the name included — is not read. One list statement per entity.
 */
export async function memberRows(ctx: EngineContext): Promise<MemberRows> {
  const model = ctx.runtime.model;
  const out = new Map<string, MemberRow[]>();
  const allowed = (entity: string, field: string) =>
    ctx.runtime.policy.field(entity, field, ctx.viewer.roles).decision === 'allow';
  await Promise.all(
    memberEntities(model).map(async (entity) => {
      const def = model.entities[entity];
      if (!def) return;
      const fields = Object.entries(def.fields).filter(
        ([f, t]) =>
          f !== 'name' && (isRef(t) || t === 'string') && ctx.runtime.routing.owner(entity, f) && allowed(entity, f),
      );
      const named = 'name' in def.fields && allowed(entity, 'name');
      const parents = await listEntities(ctx, entity, { limit: MAX_MEMBER_ROWS, offset: 0 });
      // A field another source owns is read through the request's row loader (batched per source).
      const text = (v: unknown): string | null =>
        v === null || v === undefined ? null : typeof v === 'object' ? (v as { id: string }).id : String(v);
      out.set(
        entity,
        await Promise.all(
          parents.map(async (p) => ({
            id: p.id,
            name: named ? text(await fieldValue(ctx, p, 'name')) : null,
            fields: Object.fromEntries(
              await Promise.all(fields.map(async ([f]) => [f, text(await fieldValue(ctx, p, f))] as const)),
            ),
          })),
        ),
      );
    }),
  );
  return out;
}
