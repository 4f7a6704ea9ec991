import { context, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { StatementEvent } from './trace';

/**
 * OpenTelemetry traces (off by default; `tracing.endpoint` turns them on): one span per GraphQL request,
 * joined to the caller's W3C `traceparent`, and one child span per source statement with its source,
 * fingerprint (never the SQL text or its bindings), rows and duration — exported over OTLP/HTTP to a
 * collector (Jaeger, Tempo, the OpenTelemetry Collector…). Without it the API's no-op tracer costs nothing.
 */
export interface TracingSettings {
  /** OTLP/HTTP traces endpoint, e.g. http://127.0.0.1:4318/v1/traces. */
  endpoint: string;
  serviceName: string;
}

export interface Tracing {
  /** Sends what is buffered now (tests, shutdown). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

const TRACER = 'indicator-hub';
const propagator = new W3CTraceContextPropagator();

export function startTracing(settings: TracingSettings): Tracing {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.endpoint }), { scheduledDelayMillis: 1000 }),
    ],
  });
  trace.setGlobalTracerProvider(provider);
  return {
    flush: () => provider.forceFlush(),
    async shutdown() {
      await provider.shutdown();
      trace.disable();
    },
  };
}

function tracer(): Tracer {
  return trace.getTracer(TRACER);
}

/** The caller's trace context from request headers (`traceparent`, `tracestate`), or none. */
export function callerContext(header: (name: string) => string | undefined): Context {
  return propagator.extract(context.active(), undefined, {
    get: (_carrier, key) => header(key),
    keys: () => ['traceparent', 'tracestate'],
  });
}

/** The span of one request, child of the caller's span when it sent one. */
export function startRequestSpan(name: string, parent: Context): Span {
  return tracer().startSpan(name, { attributes: { 'rpc.system': 'graphql' } }, parent);
}

/** A finished statement as a child span of the request's span (its start is its end minus its duration). */
export function statementSpan(parent: Span, event: StatementEvent): void {
  if (!parent.isRecording()) return;
  const end = Date.now();
  const span = tracer().startSpan(
    `${event.source} ${event.kind}`,
    {
      startTime: end - event.durationMs,
      attributes: {
        'db.system': 'sql',
        'hub.source': event.source,
        'hub.statement.kind': event.kind,
        'hub.statement.fingerprint': event.fingerprint,
        'hub.statement.rows': event.rows,
        'hub.statement.duration_ms': event.durationMs,
      },
    },
    trace.setSpan(context.active(), parent),
  );
  if (!event.ok) span.setStatus({ code: 2, message: 'statement failed' });
  span.end(end);
}
