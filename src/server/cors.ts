import type { RequestHandler } from 'express';

export interface CorsSettings {
  /** Origins allowed (exact, e.g. https://bi.example.com); empty = same-origin only. */
  origins: readonly string[];
  /** Request headers a listed origin may send. */
  allowedHeaders: readonly string[];
  /** Response headers a listed origin's script may read. */
  exposedHeaders: readonly string[];
  /** How long a browser may keep a preflight's answer. */
  maxAgeSeconds: number;
}

/**
 * CORS for /graphql, before any other step: same-origin by default; a listed origin gets
 * Access-Control-Allow-Origin, the allowed request headers (x-api-key included: the BI key's header) and
 * the exposed response headers (Retry-After, the request id). A preflight (OPTIONS) is always answered
 * here, 204 — without CORS headers for an origin not listed, which the browser then refuses — never by
 * authentication (a preflight carries no credentials, so it would be a 401).
 * Configured by `server.corsOrigins`, `server.corsAllowedHeaders`, `server.corsExposedHeaders`, or
 * HUB_CORS_ORIGINS, HUB_CORS_ALLOWED_HEADERS, HUB_CORS_EXPOSED_HEADERS (comma-separated).
 */
export function cors(settings: CorsSettings): RequestHandler {
  const allowed = new Set(settings.origins);
  const allowHeaders = settings.allowedHeaders.join(', ');
  const exposeHeaders = settings.exposedHeaders.join(', ');
  return (req, res, next) => {
    const origin = req.headers.origin;
    res.vary('Origin');
    const listed = origin !== undefined && allowed.has(origin);
    if (listed) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      if (exposeHeaders) res.setHeader('Access-Control-Expose-Headers', exposeHeaders);
    }
    if (req.method !== 'OPTIONS') return next();
    if (listed) {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', allowHeaders);
      res.setHeader('Access-Control-Max-Age', String(settings.maxAgeSeconds));
    }
    res.sendStatus(204);
  };
}
