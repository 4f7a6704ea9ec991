import { Kind, visit, type DocumentNode } from 'graphql';
import { SENSITIVE_NAME } from './record';

/**
 * Variables passed to an argument (or input field) with a sensitive name — `secret: $s`, `password: $p` —
 * so the audit record redacts them whatever the variable is called.
 */
export function sensitiveVariables(document: DocumentNode | undefined): Set<string> {
  const names = new Set<string>();
  if (!document) return names;
  visit(document, {
    [Kind.ARGUMENT]: (node) =>
      void (
        SENSITIVE_NAME.test(node.name.value) &&
        node.value.kind === Kind.VARIABLE &&
        names.add(node.value.name.value)
      ),
    [Kind.OBJECT_FIELD]: (node) =>
      void (
        SENSITIVE_NAME.test(node.name.value) &&
        node.value.kind === Kind.VARIABLE &&
        names.add(node.value.name.value)
      ),
  });
  return names;
}
