import type { Viewer } from '../auth/viewer';

/**
 * The inbox addresses a viewer answers to: `employee:<id>` (employees), `department:<own department>`,
 * `role:<each role>`, and `principal:<principal>` (notices to subscriptions the viewer owns).
 */
export function addressesOf(viewer: Viewer): string[] {
  const out = [`principal:${viewer.principal}`];
  if (viewer.kind === 'employee') out.push(`employee:${viewer.principal}`);
  if (viewer.unit) out.push(`department:${viewer.unit}`);
  for (const role of viewer.roles) out.push(`role:${role}`);
  return out;
}
