import type { HubConfig } from '../config/schema';
import type { ResultCache } from '../cache/result-cache';
import type { Dictionary } from '../indicators/dictionary';
import type { TargetBook } from '../indicators/targets';
import type { UnitBook } from '../indicators/units';
import type { PolicyBook } from '../auth/policy';
import type { Viewer } from '../auth/viewer';
import type { DisclosureStore } from '../store/disclosure-store';
import type { MemberCounts } from '../federation/member-counts';
import type { FederationContext } from '../federation/context';
import type { Loaders } from '../loaders';

/**
 * Exactly what the engine uses of a request, from layers at or below it: federation's part (model,
 * adapters, key map, routing, row loaders, calls), the configuration it reads, the result cache, units,
 * policy, targets, the disclosure log, the viewer, the request's dictionary and statement memo, and
 * where it notes the indicators it computed. HubContext satisfies it structurally: callers pass ctx.
 */
export interface EngineContext extends FederationContext {
  runtime: FederationContext['runtime'] & {
    config: Pick<HubConfig, 'calendar' | 'limits' | 'sources' | 'disclosure'>;
    cache: ResultCache;
    readonly units: UnitBook;
    policy: PolicyBook;
    targets: TargetBook;
    disclosure: DisclosureStore;
    /** Row counts of the dimension entities the key map does not know (the output estimate's bound). */
    memberCounts?: MemberCounts;
  };
  /** The published dictionary when the request started. */
  dictionary: Dictionary;
  viewer: Viewer;
  loaders: Pick<Loaders, 'rows' | 'known' | 'statements' | 'aggregates'>;
  /** The request's audit record: which indicator versions it computed (with their inputs'), cells suppressed. */
  audit: {
    indicator(code: string, version: string, inputs?: ReadonlyArray<{ code: string; version: string }>): void;
    suppress(cell: { indicator: string; period: string; member: string; reason: string }): void;
  };
}
