import type { Viewer } from '../auth/viewer';

/** The inbox address of a person (a hub id of the model's people entity). */
export const personAddress = (id: string): string => `person:${id}`;
/** The inbox address of an organisation unit (a hub id of the model's organisation entity). */
export const unitAddress = (id: string): string => `unit:${id}`;
/** The inbox address of everyone holding a role of the policy. */
export const roleAddress = (role: string): string => `role:${role}`;

/**
 * The inbox addresses a viewer answers to: `person:<id>` (people), `unit:<own organisation unit>`,
 * `role:<each role>`, and `principal:<principal>` (notices to subscriptions the viewer owns). Notices
 * stored with the deprecated spellings `employee:<id>` and `department:<unit>` reach the same viewers
 * (accepted for one release).
 */
export function addressesOf(viewer: Viewer): string[] {
  const out = [`principal:${viewer.principal}`];
  if (viewer.kind === 'person') out.push(personAddress(viewer.principal), `employee:${viewer.principal}`);
  if (viewer.unit) out.push(unitAddress(viewer.unit), `department:${viewer.unit}`);
  for (const role of viewer.roles) out.push(roleAddress(role));
  return out;
}
