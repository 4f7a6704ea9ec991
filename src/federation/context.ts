import type { CompanyModel } from '../model/entities';
import type { CallContext, SourceAdapter } from '../sources/contract';
import type { KeyMap } from '../keys/keymap';
import type { Loaders } from '../loaders';
import type { Routing } from './routing';

/**
 * What federation reads of a request: the model, the adapters, the key map and routing, the request's
 * row loaders and its per-source call context. HubContext (src/app/context.ts) satisfies it as it is.
 */
export interface FederationContext {
  runtime: {
    model: CompanyModel;
    adapters: ReadonlyMap<string, SourceAdapter>;
    /** Read per lookup: the key map is replaced whole on each crosswalk refresh. */
    readonly keyMap: KeyMap;
    routing: Routing;
    /** Told when a hub id is unknown to its home source, so the crosswalks are read again soon. */
    crosswalks?: { noticeMiss(): void };
  };
  loaders: Pick<Loaders, 'rows' | 'known'>;
  callFor(source: string): CallContext;
}
