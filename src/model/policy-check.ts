import type { PolicyBook } from '../auth/policy';
import type { CompanyModel } from './entities';
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
  return problems;
}
