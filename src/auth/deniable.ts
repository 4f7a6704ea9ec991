import { GraphQLObjectType, isNonNullType, type GraphQLSchema } from 'graphql';
import { kind, type PolicyBook } from './policy';

/**
 * A denied non-null field would null its parent (and a whole list): every such field must be allowed (or
 * masked) to every role. One line per field, `<policy file>: fields.<Type.field>: <problem>`. Checked by
 * `model:check` and at start (src/company/policy-check.ts) and again where the permission layer is built.
 */
export function deniedNonNullProblems(schema: GraphQLSchema, policy: PolicyBook): string[] {
  const roles = Object.keys(policy.policy.roles);
  const problems: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    for (const [name, field] of Object.entries(type.getFields())) {
      if (!isNonNullType(field.type)) continue;
      const denied = roles.filter((r) => kind(policy.field(type.name, name, [r]).decision) === 'deny');
      if (!denied.length) continue;
      const what =
        name === 'id' ? 'an id is never null' : 'the field is non-null (a denial would null the object holding it)';
      problems.push(
        `${policy.file}: fields.${type.name}.${name}: denied to ${denied.join(', ')}, but ${what}: ` +
          `allow or mask it for every role (a rule for ${type.name}.${name} or ${type.name}.*)`,
      );
    }
  }
  return problems;
}
