import type { SourceScope } from '../sources/contract';
import { UNRESTRICTED } from '../sources/contract';

/**
 * Who is asking, resolved once per request (src/auth/principal.ts): identity from the token or API key,
 * roles from the policy, org position and employment status from HR, and the row scope in business terms
 * turned into department hub ids. Everything downstream reads this; nothing re-derives it.
 */
export type Operation = 'view' | 'export' | 'approve' | 'edit_definitions' | 'audit';

export interface Viewer {
  /** Stable id for audit: an employee hub id (EMP-000123) or `apikey:<id>`. */
  principal: string;
  kind: 'employee' | 'service' | 'anonymous';
  roles: readonly string[];
  /** The employee's own department (hub id), when the principal is an employee. */
  departmentId: string | null;
  /** Department hub ids whose rows the viewer may see, or "all". */
  departments: 'all' | ReadonlySet<string>;
  /** With an own-records scope: the only employee (hub id) whose rows the viewer may see. */
  ownEmployee: string | null;
  operations: ReadonlySet<Operation>;
  /** May see aggregates of personal data over groups smaller than the suppression minimum. */
  individuals: boolean;
  /** A readable summary of the resolved scope for audit records and explain-access. */
  scopeDescription: string;
}

/** No credentials (only used where a request never reaches the schema, e.g. health checks). */
export const ANONYMOUS: Viewer = {
  principal: 'anonymous',
  kind: 'anonymous',
  roles: [],
  departmentId: null,
  departments: new Set(),
  ownEmployee: null,
  operations: new Set(),
  individuals: false,
  scopeDescription: 'nothing',
};

/** The viewer's scope in one source's keys; undefined departments = unrestricted. */
export function scopeFor(
  viewer: Viewer,
  toSourceKey: (entity: 'Department' | 'Employee', hubId: string) => string | undefined,
): SourceScope {
  if (viewer.departments === 'all') return UNRESTRICTED;
  const keys: string[] = [];
  for (const id of viewer.departments) {
    const key = toSourceKey('Department', id);
    if (key !== undefined) keys.push(key);
  }
  const own = viewer.ownEmployee ? toSourceKey('Employee', viewer.ownEmployee) : undefined;
  return own === undefined ? { departments: keys } : { departments: keys, employees: [own] };
}
