import { badInput, HubError } from '../errors';
import { MAX_STORE_ID, storeIdOf } from '../values/store-id';
import type { Viewer } from '../auth/viewer';
import type { HubConfig } from '../config/schema';
import type { Governance } from './service';
import { indicatorOf, type Dictionary, type Indicator } from '../indicators/dictionary';

/** What choosing definitions reads of a request: the dictionary it started with, its viewer, governance. */
export interface DefinitionsContext {
  dictionary: Dictionary;
  viewer: Viewer;
  runtime: { governance: Governance; config: Pick<HubConfig, 'governance'> };
}

/** Which definitions a query computes with: published (default), in force at an instant, pinned, a draft. */
export interface DefinitionSelection {
  asOf?: string | null | undefined;
  versions?: ReadonlyArray<{ code: string; version: number }> | null | undefined;
  draft?: string | number | null | undefined;
}

/**
 * The dictionary one query computes with. Only published versions are used unless the query asks: `asOf`
 * for the definitions in force then, `versions` to pin single indicators, `draft` for a change request's
 * proposal — which only its author, the domain's approvers and auditors may use; to anyone else it does
 * not exist, on every path.
 */
export async function selectDefinitions(ctx: DefinitionsContext, selection: DefinitionSelection): Promise<Dictionary> {
  const registry = ctx.runtime.governance.definitions;
  let dict = ctx.dictionary;
  if (selection.asOf) {
    const instant = instantOf(selection.asOf);
    dict = registry.inForceAt(instant);
    if (dict.size === 0) throw badInput(`No definitions were in force at ${instant}.`, { argument: 'asOf' });
  }
  for (const pin of selection.versions ?? []) {
    const v = registry.version(pin.code, pin.version);
    if (!v) {
      const known = registry.history(pin.code).map((x) => `v${x.version}`);
      throw badInput(
        `Indicator ${pin.code} has no version ${pin.version} (published: ${known.join(', ') || 'none'}).`,
        { argument: 'versions' },
      );
    }
    dict = dict.with(registry.indicator(v, dict.get(pin.code)?.status === 'archived' ? 'archived' : 'published'));
  }
  if (selection.draft !== undefined && selection.draft !== null)
    dict = dict.with(await draftIndicator(ctx, selection.draft));
  return dict;
}

/** The proposal of an open change request as an Indicator, for those who may see it. */
export async function draftIndicator(ctx: DefinitionsContext, id: string | number): Promise<Indicator> {
  const change = await ctx.runtime.governance.change(ctx.viewer, changeId(id));
  if (!change) throw new HubError('NOT_FOUND', `No change request #${id} that you may see.`, { argument: 'draft' });
  if (!change.definition || (change.state !== 'draft' && change.state !== 'in_review')) {
    throw badInput(
      `Change request #${id} is ${change.state}${change.definition ? '' : ' and proposes no definition'}: only open proposals can be evaluated.`,
      { argument: 'draft' },
    );
  }
  return indicatorOf(change.definition, {
    file: `change #${change.id}`,
    version: `draft #${change.id}`,
    versionNumber: null,
    status: change.state,
  });
}

export function changeId(id: string | number): number {
  const n = storeIdOf(id);
  if (n === null)
    throw badInput(
      `"${String(id).slice(0, 40)}" is not a change request id (a whole number from 1 to ${MAX_STORE_ID}, decimal digits only).`,
      { argument: 'id' },
    );
  return n;
}

/**
 * Archived indicators asked for by name: computed with their last version and a warning naming the
 * successor, or refused — as `governance.archived` configures.
 */
export function archivedWarnings(ctx: DefinitionsContext, dict: Dictionary, codes: readonly string[]): string[] {
  const warnings: string[] = [];
  for (const code of codes) {
    const i = dict.get(code);
    if (i?.status !== 'archived') continue;
    const instead = i.successor ? `; use ${i.successor} instead` : '';
    const message = `Indicator ${code} is archived (${i.version} is its last version)${instead}.`;
    if (ctx.runtime.config.governance.archived === 'error')
      throw new HubError('ARCHIVED', message, { indicator: code, successor: i.successor ?? null });
    warnings.push(message);
  }
  return warnings;
}

/** A date means the end of that day (UTC); an instant is taken as given. */
function instantOf(asOf: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    const end = new Date(`${asOf}T23:59:59.999Z`);
    if (!Number.isNaN(end.getTime())) return end.toISOString();
  } else {
    const at = new Date(asOf);
    if (/^\d{4}-\d{2}-\d{2}T/.test(asOf) && !Number.isNaN(at.getTime())) return at.toISOString();
  }
  throw badInput(`asOf "${asOf}" is neither a date (2025-12-31) nor an ISO instant (2025-12-31T08:00:00Z).`, {
    argument: 'asOf',
  });
}
