import { migrateAuditLog } from './audit-log-table';
import type { Migration } from './index';

/** The audit log's columns for auditors (event type, record ids, literal arguments, suppressed cells, system
 *  events), added to stores created before them. */
export const auditAuditors: Migration = {
  name: '007-audit-auditors',
  up: (conn) => migrateAuditLog(conn),
};
