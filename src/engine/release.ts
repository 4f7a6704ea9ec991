import { HubError } from '../errors';
import type { HubContext } from '../app/context';
import type { EntityParent } from '../federation/entities';
import { measureOf, type MeasureRef } from '../federation/measures';
import type { MeasureValue } from '../loaders';
import type { Period } from '../values/period';
import { windowId, type LoggedSet, type WindowKey } from '../store/disclosure-store';
import { atomsHold, setKey } from './query-sets';

/** A cell about to be released to a viewer without `individuals`: per (personal fact, window) it reads,
 *  the base members it adds up (its query set S). */
export interface ReleaseCandidate {
  key: string;
  sets: Array<{ window: WindowKey; members: readonly string[] }>;
}

/**
 * The one release check for personal data (indicator tables, Department fields alike): candidates are
 * decided in the order given (callers put larger sets first) against the principal's log and the sets
 * released before them; a released set is logged, a refused one is not. `population(window, member)`
 * gives the people behind a member from the current statement (undefined: not in it — the population
 * logged with an earlier release counts, else 0). Returns the refused keys with their reasons.
 */
export async function decideReleases(
  ctx: HubContext,
  candidates: readonly ReleaseCandidate[],
  population: (window: WindowKey, member: string) => number | undefined,
): Promise<Map<string, string>> {
  const refused = new Map<string, string>();
  if (candidates.length === 0) return refused;
  const minimum = ctx.runtime.policy.policy.minimumGroupSize;
  const max = ctx.runtime.config.disclosure.maxSetsPerWindow;
  const windows = new Map<string, WindowKey>();
  for (const c of candidates) for (const s of c.sets) windows.set(windowId(s.window), s.window);
  return ctx.runtime.disclosure.withLog(ctx.viewer.principal, [...windows.values()], (logged) => {
    const released: Array<WindowKey & LoggedSet> = [];
    for (const c of candidates) {
      const fresh: Array<WindowKey & LoggedSet> = [];
      let reason: string | null = null;
      for (const { window, members } of c.sets) {
        const log = logged.get(windowId(window))!;
        const key = setKey(members);
        if (log.some((e) => setKey(e.members) === key) || fresh.some((f) => windowId(f) === windowId(window))) continue;
        const people = (m: string) => population(window, m) ?? Math.max(0, ...log.map((e) => e.populations[m] ?? 0));
        const where = `${window.fact}, ${window.from} to ${window.to}`;
        if (log.length >= max) {
          reason = `suppressed: you have been given ${max} different groups of ${where} already (the most the disclosure log keeps); ask for groups released before`;
          break;
        }
        if (!atomsHold(log.map((e) => e.members), members, people, minimum).ok) {
          reason = `suppressed: it covers fewer than ${minimum} people, alone or as a difference with values released to you before (${where})`;
          break;
        }
        fresh.push({ ...window, members: [...new Set(members)].sort(), populations: Object.fromEntries([...new Set(members)].map((m) => [m, people(m)])) });
      }
      if (reason) {
        refused.set(c.key, reason);
        continue;
      }
      for (const f of fresh) logged.get(windowId(f))!.push(f);
      released.push(...fresh);
    }
    return { result: refused, released };
  });
}

/**
 * A measure of one entity in a period (Department fields such as a payroll figure) through the same check
 * as indicator cells: not permitted for roles outside `personalData.roles` (FORBIDDEN), exact for
 * `individuals`, otherwise released only if the query set {entity} passes against the principal's log
 * (SUPPRESSED). The population comes from the same batched statement as the measure.
 */
export async function releasedMeasure(ctx: HubContext, parent: EntityParent, ref: MeasureRef, period: Period): Promise<MeasureValue> {
  const { policy } = ctx.runtime;
  const fact = policy.personalFact(ref.source, ref.fact);
  if (!fact) return measureOf(ctx, parent, ref, { period });
  if (!policy.mayUsePersonalData(ctx.viewer.roles)) {
    throw new HubError('FORBIDDEN', `This figure is computed from personal data (${fact.id}) your roles may not see.`, { reason: 'PERSONAL_DATA', fact: fact.id });
  }
  if (ctx.viewer.individuals) return measureOf(ctx, parent, ref, { period });
  if (ref.dimension !== fact.dimension) {
    throw new HubError('FORBIDDEN', `Personal data (${fact.id}) may be cut only by ${fact.dimension} for your roles.`, { reason: 'PERSONAL_DATA_CUT', fact: fact.id });
  }
  const [value, people] = await Promise.all([measureOf(ctx, parent, ref, { period }), measureOf(ctx, parent, { ...ref, measure: fact.population }, { period })]);
  if (value === null) return null;
  const window = { fact: fact.id, from: period.from, to: period.to };
  const refused = await decideReleases(ctx, [{ key: parent.id, sets: [{ window, members: [parent.id] }] }], (_w, m) => (m === parent.id && people !== null ? Number(people) : undefined));
  const reason = refused.get(parent.id);
  if (reason) {
    throw new HubError('SUPPRESSED', `${parent.entity} ${parent.id}: ${reason}`, { minimumGroupSize: policy.policy.minimumGroupSize });
  }
  return value;
}
