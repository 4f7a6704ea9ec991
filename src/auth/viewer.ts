import type { SourceScope } from '../sources/contract';
import { UNRESTRICTED } from '../sources/contract';

/**
 * Who is asking. Access control (issue 4) will authenticate the request, resolve roles from the policy
 * and the HR source, and translate the viewer's business scope ("own department subtree") into
 * department hub ids. `scopeFor` turns that into each source's own keys; every adapter statement
 * applies it. Until then the demo viewer is unrestricted.
 */
export interface Viewer {
  principal: string;
  roles: readonly string[];
  /** Department hub ids the viewer may see, or "all". */
  departments: 'all' | ReadonlySet<string>;
}

export const DEMO_VIEWER: Viewer = { principal: 'demo', roles: ['demo'], departments: 'all' };

export function scopeFor(viewer: Viewer, source: string, toSourceKey: (hubId: string) => string | undefined): SourceScope {
  if (viewer.departments === 'all') return UNRESTRICTED;
  const keys: string[] = [];
  for (const id of viewer.departments) {
    const key = toSourceKey(id);
    if (key !== undefined) keys.push(key);
  }
  return { departments: keys };
}
