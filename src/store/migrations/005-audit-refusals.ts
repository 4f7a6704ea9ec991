import { migrateAuditLog } from './audit-log-table';
import type { Migration } from './index';

/** The audit log's `refusals` column (aggregated refused requests), added to stores created before it. */
export const auditRefusals: Migration = {
  name: '005-audit-refusals',
  up: (conn) => migrateAuditLog(conn),
};
