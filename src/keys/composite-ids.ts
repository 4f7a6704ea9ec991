import { badInput } from '../errors';
import { decodeKey, encodeKey } from './composite-key';
import { isRef, type EntityName } from '../model/entities';
import type { FederationContext } from '../federation/context';
// A cycle by design: a reference part is translated like any reference (the referenced key is one column).
import { hubIdOf, sourceKeyOf } from '../federation/entities';

/**
 * Hub id ↔ source key of an entity with a composite key (src/keys/composite-key.ts): both encode the
 * parts, and a reference part is translated like any reference (hub id of the referenced entity ↔ that
 * source's key for it), so a part that points at a conformed entity still reads as its hub id.
 */

/** The parts of a composite hub id, checked and canonical (an int part "007" is 7); a bad id is the
 *  caller's mistake: BAD_USER_INPUT naming the entity and its parts. */
export function compositeParts(ctx: FederationContext, entity: EntityName, id: string): string[] {
  const model = ctx.runtime.model.entities[entity]!;
  const names = model.key.parts!;
  const parts = decodeKey(id, names.length);
  const bad = (problem: string) => badInput(`Invalid ${entity} id ${JSON.stringify(id)}: ${problem}; its key is ${names.join(KEY_JOIN)}.`, { entity, parts: [...names] });
  if (!Array.isArray(parts)) throw bad(parts.problem);
  return parts.map((part, i) => {
    const field = model.fields[names[i]!]!;
    // A reference part is checked against the referenced entity's key type.
    const type = isRef(field) ? ctx.runtime.model.entities[field.ref]!.key.type : field;
    if (type === 'int') {
      if (!/^-?\d{1,15}$/.test(part)) throw bad(`part "${names[i]}" must be an integer, received ${JSON.stringify(part)}`);
      return String(Number(part));
    }
    return part;
  });
}

const KEY_JOIN = ' / ';

export function compositeSourceKey(ctx: FederationContext, entity: EntityName, source: string, id: string): string | undefined {
  const parts = compositeParts(ctx, entity, id);
  const translated = translate(ctx, entity, parts, (ref, part) => sourceKeyOf(ctx, ref, source, part));
  return translated && encodeKey(translated);
}

export function compositeHubId(ctx: FederationContext, entity: EntityName, source: string, key: string): string {
  const model = ctx.runtime.model.entities[entity]!;
  const parts = decodeKey(key, model.key.parts!.length);
  // A source's own key always decodes (the adapter encoded it); anything else passes through unchanged.
  if (!Array.isArray(parts)) return key;
  return encodeKey(translate(ctx, entity, parts, (ref, part) => hubIdOf(ctx, ref, source, part))!);
}

function translate(ctx: FederationContext, entity: EntityName, parts: string[], ref: (entity: EntityName, part: string) => string | undefined): string[] | undefined {
  const model = ctx.runtime.model.entities[entity]!;
  const out: string[] = [];
  for (const [i, part] of parts.entries()) {
    const type = model.fields[model.key.parts![i]!]!;
    const value = isRef(type) && ctx.runtime.model.entities[type.ref]!.conformed ? ref(type.ref, part) : part;
    if (value === undefined) return undefined;
    out.push(value);
  }
  return out;
}
