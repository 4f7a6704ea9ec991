import { HubError } from '../errors';
import type { Identity } from './authenticate';
import type { OrgDirectory } from './org-directory';
import type { PolicyBook } from './policy';
import type { RowScope } from './policy-schema';
import type { Operation, Viewer } from './viewer';

/**
 * Identity → Viewer. Employees: HR must know them and not record them as having left (离职自动回收: the
 * moment HR says so, within auth.hrStatusCacheSeconds); their roles come from the policy (by employee id,
 * by HR job title, and roles every employee holds); their row scope is the union of their roles' scopes,
 * resolved against the HR org tree and CRM sales regions. Services: roles of their API key.
 */
export async function resolveViewer(identity: Identity, policy: PolicyBook, org: OrgDirectory, today: string): Promise<Viewer> {
  if (identity.kind === 'service') {
    return build(`apikey:${identity.keyId}`, 'service', identity.roles, null, null, policy, org);
  }
  const row = await org.employee(identity.employeeId);
  if (!row) throw new HubError('UNAUTHENTICATED', 'The token was not accepted: HR does not know this employee.', { http: { status: 401 } });
  const left = row.leaveDate !== null && String(row.leaveDate) <= today;
  if (row.status !== 'ACTIVE' || left) {
    throw new HubError('UNAUTHENTICATED', 'Access revoked: HR records this employee as no longer employed.', { http: { status: 401 } });
  }
  const p = policy.policy.principals;
  const roles = [...new Set([...(p.employees[identity.employeeId] ?? []), ...(p.byTitle[String(row.title)] ?? []), ...p.everyEmployee])];
  if (roles.length === 0) throw new HubError('FORBIDDEN', 'No role of the policy is granted to you: ask for access.', { http: { status: 403 } });
  return build(identity.employeeId, 'employee', roles, org.departmentOf(row), identity.employeeId, policy, org);
}

async function build(
  principal: string,
  kind: Viewer['kind'],
  roles: readonly string[],
  departmentId: string | null,
  employeeId: string | null,
  policy: PolicyBook,
  org: OrgDirectory,
): Promise<Viewer> {
  const defs = roles.map((r) => policy.policy.roles[r]!);
  const operations = new Set<Operation>(defs.flatMap((d) => d.operations));
  const scopes = defs.map((d) => d.rows);
  let departments: 'all' | Set<string> = new Set();
  let ownEmployee: string | null = null;
  const described: string[] = [];
  for (const scope of scopes) {
    if (departments === 'all') break;
    const resolved = await resolveScope(scope, departmentId, org);
    described.push(describe(scope, departmentId));
    if (resolved === 'all') departments = 'all';
    else if (resolved === 'own') ownEmployee = employeeId;
    else for (const d of resolved) (departments as Set<string>).add(d);
  }
  const size = departments === 'all' ? 'all departments' : `${departments.size} department(s)`;
  return {
    principal,
    kind,
    roles,
    departmentId,
    departments,
    ownEmployee: departments === 'all' ? null : ownEmployee,
    operations,
    individuals: defs.some((d) => d.individuals),
    scopeDescription: `${[...new Set(described)].join(' + ')} → ${size}${ownEmployee && departments !== 'all' ? ' + own records' : ''}`,
  };
}

async function resolveScope(scope: RowScope, departmentId: string | null, org: OrgDirectory): Promise<'all' | 'own' | Set<string>> {
  if (scope === 'all') return 'all';
  if (scope === 'own_records') return 'own';
  if (typeof scope === 'object') return org.inRegions(scope.regions);
  if (!departmentId) return new Set();
  return scope === 'own_department' ? new Set([departmentId]) : org.subtree(departmentId);
}

function describe(scope: RowScope, departmentId: string | null): string {
  if (typeof scope === 'object') return `regions ${scope.regions.join(', ')}`;
  if (scope === 'all' || scope === 'own_records') return scope;
  return `${scope} of ${departmentId ?? 'no department'}`;
}
