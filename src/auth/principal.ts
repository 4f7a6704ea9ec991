import { HubError } from '../errors';
import type { Identity } from './authenticate';
import type { OrgDirectory } from './org-directory';
import type { PolicyBook } from './policy';
import { resolveRows } from './row-rules';
import type { Operation, Viewer } from './viewer';
import type { StatementSink } from '../sources/contract';

/**
 * Identity → Viewer. People: their home source must know them and they must be active (the people
 * declaration's `active` condition and `until` date; 离职自动回收: the moment the source says so, within
 * auth.personStatusCacheSeconds); their roles come from the policy (by id, by title, and roles everyone holds);
 * their rows are the union of their roles' rules (src/auth/row-rules.ts). Services: roles of their API key.
 */
export async function resolveViewer(
  identity: Identity,
  policy: PolicyBook,
  org: OrgDirectory,
  today: string,
  /** Where the people and row-scope lookups are counted: the request's trace when resolved for one. */
  sink?: StatementSink,
): Promise<Viewer> {
  if (identity.kind === 'service') {
    return build(`apikey:${identity.keyId}`, 'service', identity.roles, null, null, policy, org, sink);
  }
  const row = await org.person(identity.personId, sink);
  if (!row)
    throw new HubError(
      'UNAUTHENTICATED',
      'The token was not accepted: the people directory does not know this person.',
      { http: { status: 401 } },
    );
  if (!org.isActive(row, today)) {
    throw new HubError(
      'UNAUTHENTICATED',
      'Access revoked: the people directory records this person as no longer employed.',
      { http: { status: 401 } },
    );
  }
  const p = policy.policy.principals;
  const title = org.titleOf(row);
  const roles = [
    ...new Set([
      ...(p.people[identity.personId] ?? []),
      ...(title !== null ? (p.byTitle[title] ?? []) : []),
      ...p.everyPerson,
    ]),
  ];
  if (roles.length === 0)
    throw new HubError('FORBIDDEN', 'No role of the policy is granted to you: ask for access.', {
      reason: 'NO_ROLE',
      http: { status: 403 },
    });
  return build(identity.personId, 'person', roles, org.unitOf(row), identity.personId, policy, org, sink);
}

async function build(
  principal: string,
  kind: Viewer['kind'],
  roles: readonly string[],
  unit: string | null,
  personId: string | null,
  policy: PolicyBook,
  org: OrgDirectory,
  sink: StatementSink | undefined,
): Promise<Viewer> {
  const defs = roles.map((r) => policy.policy.roles[r]!);
  const { rows, description } = await org.remember(`${principal}|${[...roles].sort().join(',')}|${unit ?? ''}`, () =>
    resolveRows(
      defs.map((d) => d.rows),
      { id: personId, unit },
      org,
      sink,
    ),
  );
  return {
    principal,
    kind,
    roles,
    unit,
    rows,
    operations: new Set<Operation>(defs.flatMap((d) => d.operations)),
    individuals: defs.some((d) => d.individuals),
    scopeDescription: description,
  };
}
