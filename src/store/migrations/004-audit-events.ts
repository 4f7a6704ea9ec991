import { migrateAuditLog } from './audit-log-table';
import type { Migration } from './index';

/** The audit log's `events` column (indicator lifecycle steps), added to stores created before it. */
export const auditEvents: Migration = {
  name: '004-audit-events',
  up: (conn) => migrateAuditLog(conn),
};
