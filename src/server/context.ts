import { randomUUID } from 'node:crypto';
import { DEMO_VIEWER, scopeFor } from '../auth/viewer';
import type { HubContext } from '../hub/context';
import { sourceKeyOf } from '../hub/entities';
import type { HubRuntime } from '../hub/runtime';
import { createLoaders } from '../loaders';
import { RequestTrace } from '../observability/trace';
import type { CallContext } from '../sources/contract';

/** A fresh context per request: viewer, trace, and DataLoaders nobody else shares. */
export function createContext(runtime: HubRuntime): HubContext {
  const trace = new RequestTrace();
  const viewer = DEMO_VIEWER;
  const calls = new Map<string, CallContext>();
  const ctx: HubContext = {
    requestId: randomUUID(),
    runtime,
    viewer,
    trace,
    loaders: undefined as never,
    callFor(source) {
      let call = calls.get(source);
      if (!call) {
        call = { scope: scopeFor(viewer, source, (id) => sourceKeyOf(ctx, 'Department', source, id)), trace };
        calls.set(source, call);
      }
      return call;
    },
  };
  ctx.loaders = createLoaders(runtime.adapters, (source) => ctx.callFor(source), runtime.config.loader);
  return ctx;
}
