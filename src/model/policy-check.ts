import type { PolicyBook } from '../auth/policy';
import { conditionProblems } from './condition';
import { peopleOf, type CompanyModel } from './entities';
import { didYouMean } from './suggest';

/**
 * The policy against the model: every `fields` entry names a type and field that exist — an entity's
 * id, fields, relations and figures, or a field of the API's own types (`apiTypes`, from the SDL).
 * (Personal-data facts are checked against the sources by src/auth/personal-data.ts.)
 * One line per problem, `<policy file>: <path.inside.file>: <problem>`. A rule on a field that does not
 * exist protects nothing (a typo would leave the real field to its type's "*" rule), so start-up stops.
 */
export function policyModelProblems(policy: PolicyBook, model: CompanyModel, apiTypes: ReadonlyMap<string, readonly string[]>): string[] {
  const problems: string[] = [];
  const at = (path: string, message: string) => problems.push(`${policy.file}: ${path}: ${message}`);
  const typeNames = [...new Set([...Object.keys(model.entities), ...apiTypes.keys()])];
  for (const key of Object.keys(policy.policy.fields)) {
    const [type, field] = key.split('.') as [string, string];
    const entity = model.entities[type];
    const fields = entity ? ['id', ...Object.keys(entity.fields), ...Object.keys(entity.relations), ...Object.keys(entity.figures)] : apiTypes.get(type);
    if (!fields) {
      at(`fields.${key}`, `unknown type "${type}"${didYouMean(type, typeNames)}`);
      continue;
    }
    if (field !== '*' && !fields.includes(field)) at(`fields.${key}`, `${type} has no field "${field}"${didYouMean(field, fields)}`);
  }
  for (const [role, r] of Object.entries(policy.policy.roles)) {
    if (r.rows === 'all') continue;
    for (const [entity, condition] of Object.entries(r.rows)) {
      const e = model.entities[entity];
      if (!e) at(`roles.${role}.rows.${entity}`, `unknown entity "${entity}"${didYouMean(entity, Object.keys(model.entities))}`);
      else for (const problem of conditionProblems(condition, e, model.entities)) at(`roles.${role}.rows.${entity}`, problem);
    }
  }
  const people = peopleOf(model);
  const principals = Object.keys(policy.policy.principals.employees);
  if (!people && (principals.length || Object.keys(policy.policy.principals.byTitle).length || policy.policy.principals.everyEmployee.length)) {
    at('principals', 'people log in only when an entity of the model is marked as the people (people: in its entity file)');
  }
  for (const id of principals) {
    if (people && !principalIdProblem(people.key.type, id)) continue;
    if (people) at(`principals.employees.${id}`, `expected a ${people.name} id (${people.key.type === 'int' ? 'an integer' : 'text'})`);
  }
  return problems;
}

/** Is `id` a well-formed hub id of a people entity whose key has this type? (true = a problem) */
export function principalIdProblem(type: 'string' | 'int', id: string): boolean {
  return id.length === 0 || id.length > 200 || [...id].some((ch) => ch.charCodeAt(0) < 32) || id.startsWith('apikey:') || (type === 'int' && !/^-?\d+$/.test(id));
}
