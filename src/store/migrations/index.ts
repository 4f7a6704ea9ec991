import type { SqlConnection } from '../../db/connection';
import { base } from './001-base';
import { definitions } from './002-definitions';
import { notices } from './003-notices';
import { auditEvents } from './004-audit-events';
import { auditRefusals } from './005-audit-refusals';
import { disclosureLog } from './006-disclosure-log';
import { auditAuditors } from './007-audit-auditors';
import { auditImpact } from './008-audit-impact';
import { auditQuestions } from './009-audit-questions';

/**
 * The hub store's schema migrations, in order. Each runs once, inside a transaction, and is recorded in
 * `hub_migrations` (knex's migrator): a new migration is a new file here and a line in this list —
 * never an edit of one that has shipped.
 */
export interface Migration {
  name: string;
  /** `conn` is bound to the migration's transaction and the store's schema. */
  up(conn: SqlConnection): Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  base,
  definitions,
  notices,
  auditEvents,
  auditRefusals,
  disclosureLog,
  auditAuditors,
  auditImpact,
  auditQuestions,
];
