import type { IndicatorDefinition } from '../indicators/definition';

/**
 * Indicator governance (指标治理): definitions live in the hub's store with a lifecycle
 *
 *   draft → in review → published (v1, v2, … immutable) → archived (optionally with a successor)
 *
 * Every change is a change request proposed by a maker and decided by a checker (never the same principal).
 * Approving an `update` publishes a new immutable version; approving an `archive` archives the indicator.
 */

/** Where an indicator stands as a whole. `draft` and `in_review` only for one never published. */
export type IndicatorStatus = 'draft' | 'in_review' | 'published' | 'archived';

export type ChangeKind = 'create' | 'update' | 'archive';
export type ChangeState = 'draft' | 'in_review' | 'approved' | 'rejected' | 'withdrawn';

/** One field that differs between two definitions: its path and the text before and after (JSON). */
export interface DiffEntry {
  path: string;
  before: string | null;
  after: string | null;
}

/** A published version: never edited, never deleted. */
export interface PublishedVersion {
  code: string;
  version: number;
  definition: IndicatorDefinition;
  /** sha256 (12 hex) of the definition: what caches and audit records are keyed by. */
  fingerprint: string;
  author: string;
  approvedBy: string;
  reason: string;
  /** ISO instant it was approved. */
  publishedAt: string;
  /** ISO instant from which as-of queries use it (the approval instant; the epoch for the initial import). */
  inForceFrom: string;
  changeId: number | null;
  /** Against the previous version (empty for v1). */
  diff: DiffEntry[];
}

export interface IndicatorHead {
  code: string;
  /** Owner domain (finance, sales, hr, procurement…): whose editors and approvers govern it (policy.yaml). */
  domain: string;
  status: IndicatorStatus;
  /** Latest published version, null while never published. */
  currentVersion: number | null;
  successor: string | null;
  archivedAt: string | null;
  /** Optimistic-concurrency counter: bumped by every state change of the indicator. */
  revision: number;
}

export interface ChangeRequest {
  id: number;
  code: string;
  domain: string;
  kind: ChangeKind;
  state: ChangeState;
  /** The proposed definition (create/update); null for archive. */
  definition: IndicatorDefinition | null;
  /** The published version this change was made against (null for create). */
  baseVersion: number | null;
  author: string;
  reason: string;
  successor: string | null;
  createdAt: string;
  updatedAt: string;
  reviewer: string | null;
  comment: string | null;
  decidedAt: string | null;
  /** Optimistic-concurrency counter of the change itself (edits of a draft). */
  revision: number;
  /** The version an approved create/update published. */
  resultVersion: number | null;
}

export type LifecycleEventKind =
  'drafted' | 'proposed' | 'edited' | 'submitted' | 'approved' | 'rejected' | 'withdrawn' | 'archived';

/** What happened to an indicator's definition: written to the audit log and sent as a notice. */
export interface LifecycleEvent {
  kind: LifecycleEventKind;
  code: string;
  domain: string;
  changeId: number;
  /** The version published (approved) or archived; null otherwise. */
  version: number | null;
  actor: string;
  at: string;
  /** The proposer's reason or the reviewer's comment. */
  note: string;
  /** The code and every indicator that depends on it (transitively): whose owners and subscribers hear of it. */
  affected: string[];
  /** Addresses told in their inbox (src/notices/addresses.ts): `person:<person's hub id>` (the author, the owning
   *  person), `unit:<organisation unit's hub id>` (the owning unit), `role:<name>` (the reviewers). */
  recipients: string[];
}
