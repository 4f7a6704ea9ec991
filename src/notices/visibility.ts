import type { Viewer } from '../auth/viewer';
import { addressesOf } from './addresses';
import type { Notice } from './types';

/**
 * Whether a pushed notice may reach a viewer: it is addressed to them (person, organisation unit, role), or it
 * concerns published indicators, whose definitions every viewer may read — a notice carrying a version
 * (approved, archived) is about a published one, and so is one affecting any code `isPublished` knows.
 * A proposal for an indicator never published reaches only its addressees.
 */
export function mayReceive(viewer: Viewer, notice: Notice, isPublished: (code: string) => boolean): boolean {
  const mine = new Set(addressesOf(viewer));
  if (notice.recipients.some((a) => mine.has(a))) return true;
  if (notice.version !== null) return true;
  return notice.affected.some((code) => isPublished(code));
}
