import { createHash } from 'node:crypto';
import type { OrgDirectory } from '../auth/org-directory';
import type { PolicyBook } from '../auth/policy';

/**
 * Who holds which roles right now, as the hub would resolve them: every active person of the people
 * directory (roles by id, by HR title, and those every person holds) and every API key. Written into the
 * start record of the audit trail, so the next start can say what changed — in the policy or in HR data.
 */
export interface AccessSnapshot {
  /** principal (person hub id or apikey:<id>) → sorted roles; people without any role are left out. */
  roles: Record<string, string[]>;
  /** API key id → the first 16 hex of its sha256 (a replaced key shows as a changed value). */
  keys: Record<string, string>;
}

export async function accessSnapshot(policy: PolicyBook, org: OrgDirectory, today: string): Promise<AccessSnapshot> {
  const p = policy.policy.principals;
  const roles: Record<string, string[]> = {};
  const ids = await org.personIds();
  await org.refreshPeople(ids);
  for (const id of ids.sort()) {
    const row = await org.person(id);
    if (!row || !org.isActive(row, today)) continue;
    const title = org.titleOf(row);
    const held = new Set([
      ...(p.people[id] ?? []),
      ...(title !== null ? (p.byTitle[title] ?? []) : []),
      ...p.everyPerson,
    ]);
    if (held.size) roles[id] = [...held].sort();
  }
  const keys: Record<string, string> = {};
  for (const key of policy.policy.apiKeys) {
    roles[`apikey:${key.id}`] = [...new Set(key.roles)].sort();
    keys[key.id] = key.sha256.slice(0, 16);
  }
  return { roles, keys };
}

/** What changed between two snapshots: roles granted and removed per principal, keys added, revoked, replaced. */
export interface AccessChanges {
  granted: Record<string, string[]>;
  removed: Record<string, string[]>;
  keysAdded: string[];
  keysRevoked: string[];
  keysReplaced: string[];
}

export function accessChanges(before: AccessSnapshot, after: AccessSnapshot): AccessChanges {
  const granted: Record<string, string[]> = {};
  const removed: Record<string, string[]> = {};
  for (const principal of [...new Set([...Object.keys(before.roles), ...Object.keys(after.roles)])].sort()) {
    const was = new Set(before.roles[principal] ?? []);
    const is = new Set(after.roles[principal] ?? []);
    const plus = [...is].filter((r) => !was.has(r)).sort();
    const minus = [...was].filter((r) => !is.has(r)).sort();
    if (plus.length) granted[principal] = plus;
    if (minus.length) removed[principal] = minus;
  }
  const ids = (k: Record<string, string>) => new Set(Object.keys(k));
  const [was, is] = [ids(before.keys), ids(after.keys)];
  return {
    granted,
    removed,
    keysAdded: [...is].filter((k) => !was.has(k)).sort(),
    keysRevoked: [...was].filter((k) => !is.has(k)).sort(),
    keysReplaced: [...is].filter((k) => was.has(k) && before.keys[k] !== after.keys[k]).sort(),
  };
}

export function isEmpty(c: AccessChanges): boolean {
  return (
    !Object.keys(c.granted).length &&
    !Object.keys(c.removed).length &&
    !c.keysAdded.length &&
    !c.keysRevoked.length &&
    !c.keysReplaced.length
  );
}

/** sha256 hex (first 16) of a value's JSON; values that are not JSON (functions, bigints) count by their text. */
export function fingerprint(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'undefined';
  } catch {
    text = String(value);
  }
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Who holds `role` now, and how: "policy" (principals.people), "title:<title>", "everyPerson", "apiKey". */
export async function roleHolders(
  policy: PolicyBook,
  org: OrgDirectory,
  role: string,
  today: string,
): Promise<Array<{ principal: string; via: string[] }>> {
  const p = policy.policy.principals;
  const holders: Array<{ principal: string; via: string[] }> = [];
  const ids = await org.personIds();
  await org.refreshPeople(ids);
  for (const id of ids.sort()) {
    const row = await org.person(id);
    if (!row || !org.isActive(row, today)) continue;
    const title = org.titleOf(row);
    const via: string[] = [];
    if ((p.people[id] ?? []).includes(role)) via.push('policy');
    if (title !== null && (p.byTitle[title] ?? []).includes(role)) via.push(`title:${title}`);
    if (p.everyPerson.includes(role)) via.push('everyPerson');
    if (via.length) holders.push({ principal: id, via });
  }
  for (const key of policy.policy.apiKeys)
    if (key.roles.includes(role)) holders.push({ principal: `apikey:${key.id}`, via: ['apiKey'] });
  return holders;
}
