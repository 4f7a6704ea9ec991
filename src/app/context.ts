import type { Loaders } from '../loaders';
import type { RequestTrace } from '../observability/trace';
import type { Viewer } from '../auth/viewer';
import type { AuditTrail } from '../audit/trail';
import type { CallContext } from '../sources/contract';
import type { HubRuntime } from './runtime';
import type { Dictionary } from '../indicators/dictionary';

/** What resolvers receive: the process-wide runtime plus this request's viewer, loaders and trace. */
export interface HubContext {
  requestId: string;
  runtime: HubRuntime;
  /** The published dictionary when the request started: one request never mixes two versions. */
  dictionary: Dictionary;
  viewer: Viewer;
  loaders: Loaders;
  trace: RequestTrace;
  /** Decisions and inputs of this request, for its audit record. */
  audit: AuditTrail;
  /** The viewer's scope in `source`'s keys plus this request's trace: passed with every adapter call. */
  callFor(source: string): CallContext;
}
