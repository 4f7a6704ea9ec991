import type { AuditEventType } from './record';

/**
 * Fields whose answer is about the audit trail or who may see what: reading them is "audit_access" (PCI DSS
 * 10.2.1.3, access to audit trails), whoever asks.
 */
export const AUDIT_ACCESS_FIELDS: ReadonlySet<string> = new Set([
  'Query.auditLog',
  'Query.verifyAuditChain',
  'Query.permissionMatrix',
  'Query.explainAccess',
  'Query.effectiveAccess',
  'Query.roleHolders',
  'Query.disclosureLog',
]);

/** Mutations that decide who may do what or what an indicator means (an approver's act). */
const ADMINISTRATION_FIELDS: ReadonlySet<string> = new Set([
  'Mutation.approveIndicatorChange',
  'Mutation.rejectIndicatorChange',
]);

/** The event type of a GraphQL request from the fields it asked for (see AuditEventType for the taxonomy). */
export function eventTypeOfRequest(fieldsRequested: readonly string[]): AuditEventType {
  if (fieldsRequested.some((f) => ADMINISTRATION_FIELDS.has(f))) return 'administration';
  if (fieldsRequested.some((f) => f.startsWith('Mutation.'))) return 'write';
  if (fieldsRequested.some((f) => AUDIT_ACCESS_FIELDS.has(f))) return 'audit_access';
  return 'read';
}
