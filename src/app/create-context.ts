import { randomUUID } from 'node:crypto';
import { scopeFor, type Viewer } from '../auth/viewer';
import { AuditTrail } from '../audit/trail';
import type { HubContext } from './context';
import { sourceKeyOf } from '../federation/entities';
import type { HubRuntime } from './runtime';
import { createLoaders } from '../loaders';
import { memberValues } from '../engine/member-values';
import { RequestTrace } from '../observability/trace';
import type { CallContext } from '../sources/contract';

/** A fresh context per request: viewer, trace, and DataLoaders nobody else shares. */
export function createContext(runtime: HubRuntime, viewer: Viewer, trace = new RequestTrace()): HubContext {
  const calls = new Map<string, CallContext>();
  const callFor = (source: string): CallContext => {
    let call = calls.get(source);
    if (!call) {
      call = { scope: scopeFor(viewer, (entity, id) => sourceKeyOf(ctx, entity, source, id)), trace };
      calls.set(source, call);
    }
    return call;
  };
  const ctx: HubContext = {
    requestId: randomUUID(),
    runtime,
    dictionary: runtime.dictionary,
    viewer,
    trace,
    audit: new AuditTrail(),
    // The values loader computes through the engine with this very context (its viewer, trace and memo).
    loaders: createLoaders(runtime.adapters, callFor, runtime.config.loader, (keys) => memberValues(ctx, keys)),
    callFor,
  };
  return ctx;
}
