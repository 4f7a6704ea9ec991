import { badInput } from '../errors';
import { decodeKey, encodeKey } from '../values/composite-key';
import { isRef, type CompanyModel, type EntityName } from '../model/entities';

/** How a reference part is translated: the referenced entity's hub id ↔ one source's key for it
 *  (src/federation/entities.ts passes its own single-column translation; undefined = no counterpart). */
export type PartTranslation = (entity: EntityName, part: string) => string | undefined;

/**
 * Hub id ↔ source key of an entity with a composite key (src/values/composite-key.ts): both encode the
 * parts, and a reference part is translated like any reference (hub id of the referenced entity ↔ that
 * source's key for it), so a part that points at a conformed entity still reads as its hub id.
 */

/** The parts of a composite hub id, checked and canonical (an int part "007" is 7); a bad id is the
 *  caller's mistake: BAD_USER_INPUT naming the entity and its parts. */
export function compositeParts(company: CompanyModel, entity: EntityName, id: string): string[] {
  const model = company.entities[entity]!;
  const names = model.key.parts!;
  const parts = decodeKey(id, names.length);
  const bad = (problem: string) =>
    badInput(`Invalid ${entity} id ${JSON.stringify(id)}: ${problem}; its key is ${names.join(KEY_JOIN)}.`, {
      entity,
      parts: [...names],
    });
  if (!Array.isArray(parts)) throw bad(parts.problem);
  return parts.map((part, i) => {
    const field = model.fields[names[i]!]!;
    // A reference part is checked against the referenced entity's key type.
    const type = isRef(field) ? company.entities[field.ref]!.key.type : field;
    if (type === 'int') {
      if (!/^-?\d{1,15}$/.test(part))
        throw bad(`part "${names[i]}" must be an integer, received ${JSON.stringify(part)}`);
      return String(Number(part));
    }
    return part;
  });
}

const KEY_JOIN = ' / ';

/** A composite hub id as one source's key; `toSource` translates a reference part (undefined: no counterpart). */
export function compositeSourceKey(
  company: CompanyModel,
  entity: EntityName,
  id: string,
  toSource: PartTranslation,
): string | undefined {
  const parts = compositeParts(company, entity, id);
  const translated = translate(company, entity, parts, toSource);
  return translated && encodeKey(translated);
}

/** One source's composite key as the hub id; `toHub` translates a reference part. */
export function compositeHubId(company: CompanyModel, entity: EntityName, key: string, toHub: PartTranslation): string {
  const model = company.entities[entity]!;
  const parts = decodeKey(key, model.key.parts!.length);
  // A source's own key always decodes (the adapter encoded it); anything else passes through unchanged.
  if (!Array.isArray(parts)) return key;
  return encodeKey(translate(company, entity, parts, toHub)!);
}

function translate(
  company: CompanyModel,
  entity: EntityName,
  parts: string[],
  ref: PartTranslation,
): string[] | undefined {
  const model = company.entities[entity]!;
  const out: string[] = [];
  for (const [i, part] of parts.entries()) {
    const type = model.fields[model.key.parts![i]!]!;
    const value = isRef(type) && company.entities[type.ref]!.conformed ? ref(type.ref, part) : part;
    if (value === undefined) return undefined;
    out.push(value);
  }
  return out;
}
