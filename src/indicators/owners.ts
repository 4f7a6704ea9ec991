import { organisationOf, peopleOf, type CompanyModel } from '../model/entities';
import { nearest } from '../values/suggest';
import type { Indicator } from './dictionary';

/**
 * The ids an owner may name, as the company's data holds them: hub ids of the organisation entity and
 * of the people entity (src/auth/org-directory.ts reads them from their home sources).
 */
export interface OwnerDirectory {
  /** Hub ids of every organisation unit. */
  unitIds(): Promise<readonly string[]>;
  /** Those of `ids` the people's home source knows. */
  knownPeople(ids: readonly string[]): Promise<ReadonlySet<string>>;
  /** Hub ids of every person: read only to suggest one for an unknown id. */
  personIds(): Promise<readonly string[]>;
}

type Model = Pick<CompanyModel, 'entities'>;

/**
 * What the model alone says about owners (no data read): `owner.unit` needs an organisation entity, and
 * `owner.person` must be well formed for the people entity's key (an integer for an int key). A model
 * without a people entity takes the person as written. One `<file>: owner.<key>: <problem>` line each.
 */
export function ownerShapeProblems(indicators: readonly Indicator[], model: Model): string[] {
  const org = organisationOf(model);
  const people = peopleOf(model);
  const problems: string[] = [];
  for (const i of indicators) {
    const { unit, person } = i.def.owner;
    if (unit !== undefined && !org)
      problems.push(`${where(i)}: owner.unit: this model declares no organisation unit (no entity has organisation:)`);
    if (people?.key.type === 'int' && !/^-?\d+$/.test(person))
      problems.push(`${where(i)}: owner.person: expected a ${people.name} id (an integer), received "${person}"`);
  }
  return problems;
}

/**
 * Every owner's unit and person against the company's data: an id the organisation's or the people's home
 * source does not know is `<file>: owner.unit: unknown <Entity> "<id>"` (or owner.person), with the
 * closest known id when one is close. Checked only where the model declares the entity.
 */
export async function ownerDataProblems(
  indicators: readonly Indicator[],
  model: Model,
  directory: OwnerDirectory,
): Promise<string[]> {
  const org = organisationOf(model);
  const people = peopleOf(model);
  const problems: string[] = [];
  const withUnit = indicators.filter((i) => i.def.owner.unit !== undefined);
  if (org && withUnit.length) {
    const units = new Set(await directory.unitIds());
    for (const i of withUnit) {
      const unit = i.def.owner.unit!;
      if (!units.has(unit))
        problems.push(`${where(i)}: owner.unit: unknown ${org.name} "${unit}"${suggestion(unit, units)}`);
    }
  }
  const wellFormed = (id: string) => people?.key.type !== 'int' || /^-?\d+$/.test(id);
  const named = [...new Set(indicators.map((i) => i.def.owner.person))].filter(wellFormed);
  if (people && named.length) {
    const known = await directory.knownPeople(named);
    const unknown = indicators.filter((i) => wellFormed(i.def.owner.person) && !known.has(i.def.owner.person));
    const everyone = unknown.length ? await directory.personIds() : [];
    for (const i of unknown) {
      const person = i.def.owner.person;
      problems.push(`${where(i)}: owner.person: unknown ${people.name} "${person}"${suggestion(person, everyone)}`);
    }
  }
  return problems;
}

/** Where a definition came from: its file, or its version in the hub's store (`v3 of gross_margin`). */
const where = (i: Indicator): string => i.file;

function suggestion(id: string, known: Iterable<string>): string {
  const close = nearest(id, known);
  return close ? ` (did you mean "${close}"?)` : '';
}

/**
 * The owners at start, model and data: problems in the company's indicator files refuse the start; those
 * in the definitions the hub's store serves (a unit closed since one was approved, a definition stored
 * before owners were checked) are `stale`, told but not refused — governance changes them. A directory
 * that cannot be read leaves the data unchecked (`unchecked` says why).
 */
export async function ownerProblemsAtStart(
  files: readonly Indicator[],
  stored: readonly Indicator[],
  model: Model,
  directory: OwnerDirectory,
): Promise<{ problems: string[]; stale: string[]; unchecked?: unknown }> {
  const problems = ownerShapeProblems(files, model);
  const stale = ownerShapeProblems(stored, model);
  try {
    problems.push(...(await ownerDataProblems(files, model, directory)));
    stale.push(...(await ownerDataProblems(stored, model, directory)));
  } catch (error) {
    return { problems, stale, unchecked: error };
  }
  return { problems, stale };
}
