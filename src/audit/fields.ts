import {
  getOperationAST,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  valueFromASTUntyped,
} from 'graphql';
import { canonicalJson, redactVariables, type JsonValue } from './record';

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
  const fields = new Set<string>();
  walkOperation(schema, document, operationName, (parent, field) => void fields.add(`${parent}.${field}`));
  return [...fields].sort();
}

/**
 * The literal (inline) arguments of the operation that runs, as "Type.field(argument)" → value, redacted by
 * the same rules as variables (a sensitive argument name → "[redacted]", long strings and lists cut).
 * Arguments given as variables are not repeated here (they are in `variables`); a literal object holding a
 * variable keeps the literal parts. The same path with a different literal (aliases) gets "#2", "#3"….
 */
export function literalArguments(
  schema: GraphQLSchema,
  document: DocumentNode | undefined,
  operationName?: string | null,
): { [path: string]: JsonValue } {
  const out: { [path: string]: JsonValue } = {};
  walkOperation(schema, document, operationName, (parent, field, node) => {
    for (const arg of node.arguments ?? []) {
      if (arg.value.kind === Kind.VARIABLE) continue;
      const name = arg.name.value;
      const value = redactVariables({ [name]: valueFromASTUntyped(arg.value, {}) })?.[name] ?? null;
      let path = `${parent}.${field}(${name})`;
      for (let n = 2; path in out && canonicalJson(out[path]) !== canonicalJson(value); n += 1)
        path = `${parent}.${field}(${name})#${n}`;
      Object.defineProperty(out, path, { value, enumerable: true, writable: true, configurable: true });
    }
  });
  return out;
}

function walkOperation(
  schema: GraphQLSchema,
  document: DocumentNode | undefined,
  operationName: string | null | undefined,
  onField: (parent: string, field: string, node: FieldNode) => void,
): void {
  if (!document) return;
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);

  const followed = new Set<string>();
  const pending: Array<OperationDefinitionNode | FragmentDefinitionNode> = [operation];
  while (pending.length > 0) {
    const node = pending.pop()!;
    const typeInfo = new TypeInfo(schema);
    visit(
      node,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const parent = typeInfo.getParentType();
          const def = typeInfo.getFieldDef();
          if (!parent || !def || def.name === '__typename' || parent.name.startsWith('__')) return;
          onField(parent.name, def.name, node);
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
}
