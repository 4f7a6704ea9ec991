import { isObjectType, type GraphQLSchema } from 'graphql';
import type { PolicyBook } from '../auth/policy';
import { typeDefinitions } from '../schema/assemble';
import { conditionProblems } from '../model/condition-check';
import { peopleOf, type CompanyModel } from '../model/entities';
import { didYouMean } from '../values/suggest';
import { principalIdProblem } from '../auth/principal-id';
import { deniedNonNullProblems } from '../auth/deniable';

/**
 * THE policy-vs-model check (one check, run at start by src/app/runtime.ts before the store is touched, and
 * by `npm run model:check` through src/company/check-directory.ts): every `fields` entry of the policy names a
 * type and field (or `*`) of the schema the hub serves for this model — the model's generated types (id,
 * fields, relations, figures, `indicators`, by-key lookups…) and the API's own. A rule on a name that does
 * not exist protects nothing (a typo would leave the real field to its type's "*" rule), so start-up stops.
 * One line per problem, `<policy file>: fields.<Type.field>: <problem>` with a "did you mean".
 * (Personal-data facts are checked against the sources by src/auth/personal-data.ts.)
 */
export function policyModelProblems(policy: PolicyBook, model: CompanyModel): string[] {
  return [...policySchemaProblems(policy, typeDefinitions(model, policy)), ...policyRuleProblems(policy, model)];
}

/** The same check against a schema already built (its object types and their fields), non-null fields
 *  denied to some role among the problems. */
export function policySchemaProblems(policy: PolicyBook, schema: GraphQLSchema): string[] {
  const types = new Map<string, string[]>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (isObjectType(type) && !type.name.startsWith('__')) types.set(type.name, Object.keys(type.getFields()));
  }
  const problems: string[] = [];
  const at = (path: string, message: string) => problems.push(`${policy.file}: ${path}: ${message}`);
  for (const key of Object.keys(policy.policy.fields)) {
    const dot = key.indexOf('.');
    const [type, field] = dot < 0 ? [key, ''] : [key.slice(0, dot), key.slice(dot + 1)];
    const fields = types.get(type);
    if (!fields) at(`fields.${key}`, `unknown type "${type}"${didYouMean(type, [...types.keys()])}`);
    else if (field !== '*' && !fields.includes(field))
      at(`fields.${key}`, `${type} has no field "${field}"${didYouMean(field, fields)}`);
  }
  problems.push(...deniedNonNullProblems(schema, policy));
  return problems;
}

/** Row rules name entities and fields of the model; principals are well-formed ids of its people entity. */
function policyRuleProblems(policy: PolicyBook, model: CompanyModel): string[] {
  const problems: string[] = [];
  const at = (path: string, message: string) => problems.push(`${policy.file}: ${path}: ${message}`);
  for (const [role, r] of Object.entries(policy.policy.roles)) {
    if (r.rows === 'all') continue;
    for (const [entity, condition] of Object.entries(r.rows)) {
      const e = model.entities[entity];
      if (!e)
        at(
          `roles.${role}.rows.${entity}`,
          `unknown entity "${entity}"${didYouMean(entity, Object.keys(model.entities))}`,
        );
      else if (e.key.parts)
        at(`roles.${role}.rows.${entity}`, `${entity} has a composite key: rule an entity it references instead`);
      else
        for (const problem of conditionProblems(condition, e, model.entities))
          at(`roles.${role}.rows.${entity}`, problem);
    }
  }
  const people = peopleOf(model);
  const principals = Object.keys(policy.policy.principals.people);
  if (
    !people &&
    (principals.length ||
      Object.keys(policy.policy.principals.byTitle).length ||
      policy.policy.principals.everyPerson.length)
  ) {
    at(
      'principals',
      'people log in only when an entity of the model is marked as the people (people: in its entity file)',
    );
  }
  for (const id of principals) {
    if (people && !principalIdProblem(people.key.type, id)) continue;
    if (people)
      at(
        `principals.people.${id}`,
        `expected a ${people.name} id (${people.key.type === 'int' ? 'an integer' : 'text'})`,
      );
  }
  return problems;
}
