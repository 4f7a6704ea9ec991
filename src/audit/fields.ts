import {
  getOperationAST,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';

/**
 * The fields an operation asks for, as sorted unique "Type.field" (the parent type as the schema names
 * it: an interface field is "Interface.field", a field in `... on Employee` is "Employee.field"). Walks the
 * operation that runs (by operationName) with graphql-js' TypeInfo and follows named fragments, each once;
 * fragments the operation does not use are not counted. `__typename` and the inside of introspection
 * types are left out; `Query.__schema` / `Query.__type` are kept. Fields unknown to the schema (an invalid
 * document) are skipped.
 */
export function fieldsRequested(
  schema: GraphQLSchema,
  document: DocumentNode | undefined,
  operationName?: string | null,
): string[] {
  if (!document) return [];
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);

  const fields = new Set<string>();
  const followed = new Set<string>();
  const pending: Array<OperationDefinitionNode | FragmentDefinitionNode> = [operation];
  while (pending.length > 0) {
    const node = pending.pop()!;
    const typeInfo = new TypeInfo(schema);
    visit(
      node,
      visitWithTypeInfo(typeInfo, {
        Field() {
          const parent = typeInfo.getParentType();
          const def = typeInfo.getFieldDef();
          if (!parent || !def || def.name === '__typename' || parent.name.startsWith('__')) return;
          fields.add(`${parent.name}.${def.name}`);
        },
        FragmentSpread(spread) {
          const name = spread.name.value;
          if (followed.has(name)) return;
          followed.add(name);
          const fragment = fragments.get(name);
          if (fragment) pending.push(fragment);
        },
      }),
    );
  }
  return [...fields].sort();
}
