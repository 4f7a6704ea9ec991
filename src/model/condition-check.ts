import type { EntityModel, EntityName, FieldType } from './entities';
import { parseCondition, type Condition } from '../values/condition';
import { didYouMean } from '../values/suggest';

/** The entity a field of `entity` holds ids of ("id" holds its own), if any. */
export function entityOfField(entity: EntityModel, field: string): EntityName | undefined {
  if (field === 'id') return entity.name;
  const type: FieldType | undefined = entity.fields[field];
  return typeof type === 'object' ? type.ref : undefined;
}

/**
 * Problems of a condition over `entity`: unreadable text, unknown fields (with a did-you-mean),
 * viewer.id / viewer.unit compared with a field that does not hold people / units, subtree() of anything
 * but the organisation unit (whose `organisation.parent` gives the hierarchy).
 */
export function conditionProblems(
  text: string,
  entity: EntityModel,
  entities: Readonly<Record<string, EntityModel>>,
): string[] {
  let c: Condition;
  try {
    c = parseCondition(text);
  } catch (error) {
    return [`${(error as Error).message} in "${text}"`];
  }
  const people = Object.values(entities).find((e) => e.people)?.name;
  const org = Object.values(entities).find((e) => e.organisation);
  const problems: string[] = [];
  const walk = (x: Condition): void => {
    if (x.kind === 'none') return;
    if (x.kind !== 'in' && x.kind !== 'subtree') return x.parts.forEach(walk);
    if (x.field !== 'id' && entity.fields[x.field] === undefined) {
      problems.push(
        `${entity.name} has no field "${x.field}"${didYouMean(x.field, ['id', ...Object.keys(entity.fields)])}`,
      );
      return;
    }
    const holds = entityOfField(entity, x.field);
    const values = x.kind === 'in' ? x.values : [x.of];
    for (const v of values) {
      if (!('viewer' in v)) continue;
      const wanted = v.viewer === 'id' ? people : org?.name;
      if (!wanted)
        problems.push(
          `viewer.${v.viewer} needs ${v.viewer === 'id' ? 'a people entity (people: in its entity file)' : 'an organisation unit (organisation: in its entity file)'}`,
        );
      else if (holds !== wanted)
        problems.push(
          `${entity.name}.${x.field} does not hold ${wanted} ids, so it cannot be compared with viewer.${v.viewer}`,
        );
    }
    if (x.kind === 'subtree') {
      if (!org?.organisation?.parent)
        problems.push(
          'subtree() needs the organisation unit to declare its hierarchy (organisation: { parent: <field> })',
        );
      else if (holds !== org.name)
        problems.push(`subtree() is a set of ${org.name} ids: ${entity.name}.${x.field} does not hold them`);
    }
  };
  walk(c);
  return problems;
}
