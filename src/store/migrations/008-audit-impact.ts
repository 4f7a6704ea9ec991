import { migrateAuditLog } from './audit-log-table';
import type { Migration } from './index';

/** The audit log's `impact` column (the impact report kept with a decided indicator change). */
export const auditImpact: Migration = {
  name: '008-audit-impact',
  up: (conn) => migrateAuditLog(conn),
};
