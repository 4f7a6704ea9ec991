import { migrateAuditLog } from './audit-log-table';
import type { Migration } from './index';

/** The audit log's `questions` column (questions asked in words with `ask`), added to stores created before it. */
export const auditQuestions: Migration = {
  name: '009-audit-questions',
  up: (conn) => migrateAuditLog(conn),
};
