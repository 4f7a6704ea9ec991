import { basename, join, resolve } from 'node:path';
import { z } from 'zod';
import type { CompanyModel } from '../model/entities';
import { DEFAULT_MODEL_DIR } from '../model/load';
import { didYouMean } from '../values/suggest';
import { logger } from '../logger';

/** The whole configuration, validated once at start. Defaults give the embedded demo. */
const engine = z.enum(['embedded', 'postgres', 'mysql']);

const statusSeconds = z.number().int().min(0).max(300);

const warned = new Set<string>();

/** One warning per process for each deprecated configuration key in use. */
function deprecatedKey(key: string, use: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  logger.warn({ key, use }, `configuration: ${key} is deprecated: use ${use}`);
}

/**
 * Loopback, private, link-local and unspecified hosts (IPv4, IPv6, "localhost"): where a webhook allow-list
 * entry may not use a port wildcard.
 */
export function isInternalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(h);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 127 ||
      a === 10 ||
      a === 0 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (h.includes(':')) {
    if (h === '::1' || h === '::') return true;
    if (h.startsWith('::ffff:')) return isInternalHost(h.slice(7));
    return /^f[cd]/.test(h) || /^fe[89ab]/.test(h);
  }
  return false;
}

/** A webhook allow-list entry (src/notices/allow-list.ts). */
const WEBHOOK_PATTERN = /^https?:\/\/(\*\.)?[A-Za-z0-9.\-[\]:]+?:(\*|\d{1,5})(\/\S*)?$/;

export const sourceConfigSchema = z
  .object({
    engine: engine.default('embedded'),
    /** postgres://user:pass@host:port/db or mysql://user:pass@host:port/db (not for embedded). */
    url: z.string().optional(),
    /** Schema (PostgreSQL/embedded) or database (MySQL) holding the source's tables; default = source name
     *  for embedded, "public" for PostgreSQL, the URL's database for MySQL. */
    schema: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a SQL identifier')
      .optional(),
    pool: z
      .object({ min: z.number().int().min(0).default(0), max: z.number().int().min(1).max(100).default(10) })
      .prefault({}),
    acquireTimeoutMs: z.number().int().positive().default(5000),
    /** Statements running longer are cancelled by the source server (not for the embedded engine). */
    statementTimeoutMs: z.number().int().positive().default(10_000),
    /** Circuit breaker: opens when at least `volumeThreshold` calls in the rolling window failed at
     *  `errorThresholdPercentage`; while open, calls fail at once; after `resetTimeoutMs` one call probes. */
    breaker: z
      .object({
        errorThresholdPercentage: z.number().int().min(1).max(100).default(50),
        volumeThreshold: z.number().int().min(1).default(5),
        resetTimeoutMs: z.number().int().positive().default(10_000),
      })
      .strict()
      .prefault({}),
    /** How long aggregate results from this source may be reused (0 = never). Finance data that closes
     *  monthly can be cached for hours; CRM data that changes by the minute for seconds. */
    cacheTtlSeconds: z.number().int().min(0).default(60),
  })
  .strict()
  .refine((s) => s.engine === 'embedded' || Boolean(s.url), {
    message: 'a url is required when engine is "postgres" or "mysql"',
    path: ['url'],
  });

/**
 * The configuration's schema for a model whose sources are `sources`: `sources.<name>` is accepted for
 * every source the model declares (and refused with a "did you mean" otherwise).
 */
export function configSchemaFor(sources: readonly string[]) {
  const sourcesSchema = z
    .strictObject(
      Object.fromEntries(sources.map((name) => [name, sourceConfigSchema.prefault({})])) as Record<
        string,
        z.ZodType<SourceConfig>
      >,
      {
        error: (issue) =>
          issue.code === 'unrecognized_keys'
            ? issue.keys
                .map(
                  (k) =>
                    `unknown source "${k}"${sources.length ? didYouMean(k, sources) : ' (the model declares no sources)'}`,
                )
                .join('; ')
            : undefined,
      },
    )
    .prefault({});
  return configObject(sourcesSchema);
}

function configObject(sources: z.ZodType<Record<string, SourceConfig>>) {
  return (
    z
      .object({
        server: z
          .object({
            host: z.string().default('127.0.0.1'),
            port: z.number().int().min(0).max(65535).default(4000),
            /** How long an idle keep-alive connection stays open; above the idle timeout of clients and proxies
             *  in front (often 60 s), so the hub never closes a connection one of them is reusing. */
            keepAliveTimeoutMs: z.number().int().min(1000).max(600_000).default(65_000),
            /** On SIGTERM/SIGINT: how long in-flight requests may still run before their sockets are closed; the
             *  process exits at the latest 5 s later (src/server/shutdown.ts). */
            shutdownGraceMs: z.number().int().min(0).max(120_000).default(10_000),
            /** Largest accepted request body, bytes. */
            bodyLimitBytes: z.number().int().positive().default(1_000_000),
            /** Origins allowed by CORS; empty = same-origin only (HUB_CORS_ORIGINS, comma-separated). */
            corsOrigins: z.array(z.string()).default([]),
            /** Request headers a listed origin may send (HUB_CORS_ALLOWED_HEADERS). */
            corsAllowedHeaders: z
              .array(z.string().regex(/^[A-Za-z0-9-]+$/, 'expected a header name'))
              .default([
                'content-type',
                'accept',
                'authorization',
                'x-api-key',
                'x-hub-trace',
                'x-request-id',
                'apollo-require-preflight',
              ]),
            /** Response headers a listed origin's script may read (HUB_CORS_EXPOSED_HEADERS). */
            corsExposedHeaders: z
              .array(z.string().regex(/^[A-Za-z0-9-]+$/, 'expected a header name'))
              .default(['retry-after', 'x-request-id', 'www-authenticate']),
            /** How long a browser keeps a preflight's answer, seconds. */
            corsMaxAgeSeconds: z.number().int().min(0).max(86_400).default(600),
            /** Proxies whose X-Forwarded-For is believed (IP addresses or CIDR ranges, e.g. "10.0.0.0/8"). Empty (the
             *  default): the client address is the TCP peer, and X-Forwarded-For is ignored — anyone can write it. */
            trustedProxies: z
              .array(
                z
                  .string()
                  .regex(/^[0-9A-Fa-f:.]+(\/\d{1,3})?$/, 'expected an IP address or a CIDR range, e.g. 10.0.0.0/8'),
              )
              .default([]),
          })
          .strict()
          .prefault({}),
        model: z
          .object({
            /** The model directory: entities, sources with their mappings, policy, indicators and targets of one
             *  company (HUB_MODEL_DIR); its model.yaml says where each part lives. The demo company is the default. */
            dir: z.string().min(1).default(DEFAULT_MODEL_DIR),
          })
          .strict()
          .prefault({}),
        calendar: z
          .object({ fiscalYearStartMonth: z.number().int().min(1).max(12).default(1) })
          .strict()
          .prefault({}),
        demo: z
          .object({
            /** Demo mode (HUB_DEMO): the demo API key, demo principals and a JWT secret generated into the data
             *  directory are accepted. Unset: on when the store and every source are embedded, off otherwise. */
            enabled: z.boolean().optional(),
            /** Seed the embedded engine with the demo company when its data directory is empty. */
            seed: z.boolean().default(true),
            scale: z.number().int().min(1).max(1000).default(1),
          })
          .strict()
          .prefault({}),
        embedded: z
          .object({
            /** Where the embedded engine keeps its files; ":memory:" for a throwaway in-memory engine. Default:
             *  .data/<name of the model directory>/embedded, one per model (their data and store differ). */
            dataDir: z.string().optional(),
          })
          .strict()
          .prefault({}),
        store: z
          .object({
            engine: z.enum(['embedded', 'postgres']).default('embedded'),
            url: z.string().optional(),
            schema: z.string().default('hub'),
          })
          .strict()
          .refine((s) => s.engine === 'embedded' || Boolean(s.url), {
            message: 'a url is required when engine is "postgres"',
            path: ['url'],
          })
          .prefault({}),
        /** Per source of the model: connection, pool, timeouts, breaker, cache (defaults from the source file). */
        sources,
        /** The key map of conformed entities, built from the model's crosswalks (crosswalks/<Entity>.yaml). */
        crosswalks: z
          .object({
            /** Rebuild the key map every N seconds without a restart (a new key in a source, pairs loaded by
             *  `npm run crosswalk:load`); 0 = only at start. A rebuild that finds a duplicate keeps the old map. */
            refreshSeconds: z.number().int().min(0).default(60),
            /** Something new (a source key the map does not know, a person it does not know logging in, a by-id
             *  lookup its home source has no key for) triggers a rebuild, at most one per N seconds (0 = never). */
            missRefreshSeconds: z.number().int().min(0).default(5),
          })
          .strict()
          .prefault({}),
        governance: z
          .object({
            /** Querying an archived indicator by name: `warn` computes its last version with a warning naming the
             *  successor; `error` refuses with code ARCHIVED. */
            archived: z.enum(['warn', 'error']).default('warn'),
            /** With the store on PostgreSQL: how often each process re-reads published definitions (0 = never). */
            refreshSeconds: z.number().int().min(0).default(10),
          })
          .strict()
          .prefault({}),
        /** The audit trail's anchors outside the store (src/audit/anchors.ts). */
        audit: z
          .object({
            anchor: z
              .object({
                /** Ed25519 private key (PEM) that signs checkpoints of the chain head; keep it outside the store
                 *  (e.g. `openssl genpkey -algorithm ed25519 -out anchor.pem`). Unset: no checkpoints. */
                keyFile: z.string().optional(),
                /** File the signed checkpoints are appended to, one JSON line each (HUB_AUDIT_ANCHOR_FILE). */
                file: z.string().optional(),
                /** A checkpoint every N seconds when the head moved (0 = only at stop). */
                intervalSeconds: z.number().int().min(0).default(300),
              })
              .strict()
              .refine((a) => Boolean(a.keyFile) === Boolean(a.file), {
                message: 'keyFile and file go together: a checkpoint needs a key to sign it and a file to go to',
              })
              .prefault({}),
          })
          .strict()
          .prefault({}),
        security: z
          .object({
            /** Schema introspection (GraphiQL needs it). Turn off in production: HUB_INTROSPECTION=false. */
            introspection: z.boolean().default(true),
            /** Hide "Did you mean …?" suggestions and other schema details from errors (HUB_HIDE_SCHEMA_DETAILS=true). */
            hideSchemaDetails: z.boolean().default(false),
            /** Trusted documents: a JSON file { "<sha256>": "<query>" }; when set, only those operations run. */
            trustedDocumentsFile: z.string().optional(),
          })
          .strict()
          .prefault({}),
        auth: z
          .object({
            jwt: z
              .object({
                /** Only this algorithm is accepted: "none" and algorithm confusion are impossible by construction. */
                algorithm: z.enum(['HS256', 'RS256']).default('HS256'),
                /** HS256 shared secret (≥ 32 characters). Unset: a random one is created in <embedded.dataDir>/../jwt-secret
                 *  on first start (demo); set it (HUB_JWT_SECRET) in production. */
                secret: z.string().min(32, 'use at least 32 characters').optional(),
                /** RS256: a JWKS file with the issuer's public keys. */
                jwksFile: z.string().optional(),
                issuer: z.string().default('indicator-hub-demo'),
                audience: z.string().default('indicator-hub'),
                clockToleranceSeconds: z.number().int().min(0).max(300).default(30),
                /** Longest accepted token lifetime: `exp` at most this far from now (and from `iat`, when given); a
                 *  token with `exp` of 10^12 is refused. Shorter limits how long a stolen token works. */
                maxLifetimeSeconds: z
                  .number()
                  .int()
                  .min(60)
                  .max(366 * 86_400)
                  .default(86_400),
                /** How far in the future `iat` may lie (issuer clocks run ahead); beyond, the token is refused. */
                issuedAtSkewSeconds: z.number().int().min(0).max(3600).default(60),
              })
              .strict()
              .refine((j) => j.algorithm !== 'RS256' || Boolean(j.jwksFile), {
                message: 'RS256 needs jwksFile',
                path: ['jwksFile'],
              })
              .prefault({}),
            /** How long a person's status in the people's home source may be reused before it is read again: the
             *  longest a departed person's token can still work. Default 30. */
            personStatusCacheSeconds: statusSeconds.optional(),
            /** Deprecated name of personStatusCacheSeconds (accepted for one release). */
            hrStatusCacheSeconds: statusSeconds.optional(),
          })
          .strict()
          .refine((a) => a.personStatusCacheSeconds === undefined || a.hrStatusCacheSeconds === undefined, {
            message: 'give personStatusCacheSeconds, not also hrStatusCacheSeconds (its deprecated name)',
            path: ['hrStatusCacheSeconds'],
          })
          .transform(({ hrStatusCacheSeconds, ...auth }) => {
            if (hrStatusCacheSeconds !== undefined) {
              deprecatedKey('auth.hrStatusCacheSeconds', 'auth.personStatusCacheSeconds');
            }
            return { ...auth, personStatusCacheSeconds: auth.personStatusCacheSeconds ?? hrStatusCacheSeconds ?? 30 };
          })
          .prefault({}),
        cache: z
          .object({
            /** Aggregate results kept in process at most (least recently used go first); 0 = no cache. */
            maxEntries: z.number().int().min(0).default(2000),
            /** Estimated bytes of aggregate results kept in process at most (least recently used go first); a
             *  single result larger than this is not cached. 0 = no cache. */
            maxBytes: z
              .number()
              .int()
              .min(0)
              .default(64 * 1024 * 1024),
            /** How often expired results are dropped even when nobody reads them again (0 = only when read). */
            purgeIntervalSeconds: z.number().int().min(0).default(60),
            /** Whole answers kept as the bytes sent (src/server/response-cache.ts), per principal; off when the
             *  result cache is off (maxEntries or maxBytes 0). */
            response: z
              .object({
                /** Bytes of answers kept at most (least recently used go first); an answer larger than this is
                 *  not kept. 0 = no response cache. */
                maxBytes: z
                  .number()
                  .int()
                  .min(0)
                  .default(64 * 1024 * 1024),
                /** Longest an answer is served again, whatever its sources' freshness bound allows. */
                maxAgeSeconds: z.number().int().min(0).default(60),
              })
              .strict()
              .prefault({}),
          })
          .strict()
          .prefault({}),
        /** Apollo Federation 2 (HUB_SUBGRAPH): serve the schema as a subgraph of a company's supergraph, conformed
         *  entities with @key(fields: "id") (src/resolvers/subgraph-schema.ts). */
        subgraph: z
          .object({ enabled: z.boolean().default(false) })
          .strict()
          .prefault({}),
        /** OpenTelemetry traces over OTLP/HTTP (src/observability/tracing.ts); off without an endpoint. */
        tracing: z
          .object({
            /** e.g. http://127.0.0.1:4318/v1/traces (HUB_TRACING_ENDPOINT). */
            endpoint: z.string().url().optional(),
            serviceName: z.string().min(1).default('indicator-hub'),
          })
          .strict()
          .prefault({}),
        /** Several hub replicas sharing rate limits, the result cache and live notices through one Redis
         *  (src/replicas). Off without a url: every process keeps its own. */
        redis: z
          .object({
            /** redis://[user:password@]host:port[/db] (HUB_REDIS_URL); rediss:// for TLS. */
            url: z
              .string()
              .regex(/^rediss?:\/\//, 'expected redis://host:port or rediss://host:port')
              .optional(),
            /** Prefix of every key and channel: several companies' hubs can share one Redis. */
            keyPrefix: z.string().min(1).default('indicator-hub:'),
            /** A Redis command slower than this counts as failed and the local fallback answers. */
            commandTimeoutMs: z.number().int().min(10).max(10_000).default(1000),
          })
          .strict()
          .prefault({}),
        /** Release of personal data to viewers without `individuals` (src/engine/disclosure.ts). */
        disclosure: z
          .object({
            /** Query sets kept per principal, personal fact and time window; once full, further NEW sets for that
             *  window are suppressed (never forgotten: forgetting would let a difference through). */
            maxSetsPerWindow: z.number().int().min(1).max(100_000).default(500),
            /** Logged sets whose window ended more than this many days ago are deleted (0 = kept for ever), and
             *  windows starting before that horizon are no longer released to checked viewers, so nothing
             *  forgotten can be differenced against (src/engine/release.ts). */
            retentionDays: z.number().int().min(0).default(0),
          })
          .strict()
          .prefault({}),
        loader: z
          .object({
            /** Keys per lookup statement. The keys travel as ONE array parameter (src/db Dialect.keysIn), so a
             *  lookup is one statement whatever its number of keys; this only bounds that parameter's size (a
             *  batch above it splits). The default is above any batch a request can make (lists stop at
             *  limits.maxPageSize rows, aggregates at maxStatementRows). */
            maxBatchSize: z.number().int().min(1).max(10_000_000).default(1_000_000),
            /** Members (e.g. organisation units) per aggregate statement; beyond this a batch splits. */
            maxAggregateMembers: z.number().int().min(1).max(50_000).default(10_000),
          })
          .strict()
          .prefault({}),
        limits: z
          .object({
            defaultPageSize: z.number().int().min(1).default(100),
            maxPageSize: z.number().int().min(1).default(1000),
            /** Refused before execution (QUERY_TOO_COMPLEX / GRAPHQL_PARSE_FAILED / BAD_USER_INPUT). */
            maxTokens: z.number().int().min(100).default(2000),
            maxDepth: z.number().int().min(2).default(10),
            maxAliases: z.number().int().min(0).default(15),
            maxDirectives: z.number().int().min(0).default(10),
            maxDuplicateFields: z.number().int().min(1).default(5),
            /** Estimated cost: every field counts once per item of the lists around it (a paged list: its limit or
             *  defaultPageSize; any other list: listSize). */
            maxCost: z.number().int().min(100).default(250_000),
            listSize: z.number().int().min(1).default(20),
            /** indicatorValues: estimated cells (periods × members × indicators, once per rows/series selected)
             *  one operation may produce, all its aliases added up; beyond → RESPONSE_TOO_LARGE before any
             *  statement runs. */
            maxResponseCells: z.number().int().min(1).default(200_000),
            /** Rows one aggregate statement may return (the hub asks for one more); beyond → TOO_MANY_ROWS. */
            maxStatementRows: z.number().int().min(1).default(250_000),
            /** Memory bounded across requests (src/server/limits/in-flight.ts): indicator cells (estimated as for
             *  maxResponseCells) of the requests being answered at once, hub-wide and per principal, and heavy
             *  requests (≥ heavyCells) at once; over → 503 OVERLOADED (the hub's) or 429 TOO_MANY_IN_FLIGHT (the
             *  principal's) with Retry-After, before any statement. A cell in flight costs up to ≈ 1 KiB of heap
             *  (rows, members, the JSON answer); the defaults assume the default V8 heap of 2 GiB or more (≈ 600 MiB
             *  at most for answers in flight). With --max-old-space-size=256 use maxCells 200000, maxHeavy 1.
             *  maxBytes bounds every query hub-wide by its estimated heap (src/server/limits/request-size.ts: 1 KiB
             *  a cell, 64 bytes a field value as the cost rule counts them); unset, 20 % of V8's heap limit, so it
             *  follows --max-old-space-size (npm run start:prod: 512 MiB, HUB_MAX_HEAP_MB). */
            inFlight: z
              .object({
                maxBytes: z.number().int().min(1_048_576).optional(),
                maxCells: z.number().int().min(1).default(600_000),
                maxCellsPerPrincipal: z.number().int().min(1).default(400_000),
                heavyCells: z.number().int().min(1).default(50_000),
                maxHeavy: z.number().int().min(1).default(4),
                maxHeavyPerPrincipal: z.number().int().min(1).default(2),
                retryAfterSeconds: z.number().int().min(1).max(3600).default(2),
                /** A request over the budget waits (first come, first served) up to maxWaitMs for reservations to come
                 *  back; at most maxWaiting wait hub-wide, maxWaitingPerPrincipal per principal; 0 ms refuses at once. */
                queue: z
                  .object({
                    maxWaitMs: z.number().int().min(0).max(300_000).default(60_000),
                    maxWaiting: z.number().int().min(0).default(64),
                    maxWaitingPerPrincipal: z.number().int().min(0).default(32),
                  })
                  .strict()
                  .prefault({}),
              })
              .strict()
              .prefault({}),
            maxStringLength: z.number().int().min(16).default(10_000),
            /** Per principal: bursts of `burst` requests, refilled at `perMinute`; beyond → 429 with Retry-After. */
            rateLimit: z
              .object({ perMinute: z.number().int().min(1).default(1200), burst: z.number().int().min(1).default(200) })
              .strict()
              .prefault({}),
            /** Before authentication, per client address: refused requests (bad or missing credentials, unknown API key,
             *  413, bad JSON) spend from a bucket of `maxRefusals`, refilled over `windowSeconds`; an address with an
             *  empty bucket gets 429 with Retry-After before its credentials are looked at. Successful requests spend
             *  nothing. At most `maxAddresses` addresses are tracked (least recently refused forgotten first). */
            preAuth: z
              .object({
                maxRefusals: z.number().int().min(1).default(30),
                windowSeconds: z.number().int().min(1).default(60),
                maxAddresses: z.number().int().min(100).default(10_000),
              })
              .strict()
              .prefault({}),
            /** Refused requests are audited aggregated: the first of a (principal, address, reason) at once, the
             *  following ones as one record per this many seconds with their count, first and last time. */
            refusalAuditSeconds: z.number().int().min(1).max(3600).default(60),
            /** …or as soon as this many are counted: a crash loses at most this many minus one per key. */
            refusalAuditMaxUnwritten: z.number().int().min(1).max(100000).default(10),
            /** graphql-ws: open connections and active subscriptions per principal (over → closed 4442 / refused
             *  TOO_MANY_SUBSCRIPTIONS). Connecting and subscribing also spend from the per-principal rate limit. */
            websocket: z
              .object({
                maxConnectionsPerPrincipal: z.number().int().min(1).default(10),
                maxSubscriptionsPerPrincipal: z.number().int().min(1).default(50),
              })
              .strict()
              .prefault({}),
          })
          .strict()
          .prefault({}),
        notices: z
          .object({
            webhooks: z
              .object({
                /** Where webhooks may be sent: `<scheme>://<host>:<port or *>[/path prefix]`, host may start with "*.".
                 *  Empty by default: webhooks are off until an operator names receivers; anything not listed is
                 *  refused at registration and before every attempt (SSRF protection). The hub's own listening
                 *  address is refused even when an entry matches it. */
                allowList: z
                  .array(
                    z
                      .string()
                      .regex(
                        WEBHOOK_PATTERN,
                        'expected <http|https>://<host>:<port|*>[/path], e.g. https://*.corp.example:443/hooks',
                      ),
                  )
                  .default([]),
                /** Port wildcards (`:*`) on loopback, private and link-local hosts are refused at start: they would let
                 *  anyone who registers a webhook make the hub POST to every local service and read back its status.
                 *  List each receiver's port instead; true allows them (tests and development only). */
                internalPortWildcards: z.boolean().default(false),
                /** Attempts per delivery before it is marked failed. */
                attempts: z.number().int().min(1).max(50).default(5),
                /** Delay before the 2nd attempt; doubled for each further one, up to maxDelayMs. */
                baseDelayMs: z.number().int().min(1).default(1000),
                maxDelayMs: z.number().int().min(1).default(300_000),
                /** Per attempt: a receiver slower than this counts as a failed attempt. */
                timeoutMs: z.number().int().min(1).max(60_000).default(5000),
                /** How often the dispatcher looks for due deliveries (it is also woken by every new notice). */
                pollIntervalMs: z.number().int().min(10).default(5000),
                /** Deliveries attempted at once. */
                concurrency: z.number().int().min(1).max(100).default(8),
              })
              .strict()
              .superRefine((webhooks, ctx) => {
                if (webhooks.internalPortWildcards) return;
                webhooks.allowList.forEach((entry, i) => {
                  const host = /^https?:\/\/(\*\.)?(.+):\*(\/|$)/.exec(entry)?.[2];
                  if (host !== undefined && isInternalHost(host))
                    ctx.addIssue({
                      code: 'custom',
                      path: ['allowList', i],
                      message: `"${entry}": a port wildcard on a loopback or private address would let anyone who registers a webhook reach every local service; list each receiver's port instead (e.g. ${entry.replace(':*', ':8080')}), or set internalPortWildcards: true (tests and development only)`,
                    });
                });
              })
              .prefault({}),
            /** Notices buffered per GraphQL subscriber; a subscriber that falls further behind is ended with an error. */
            subscriberQueueSize: z.number().int().min(1).max(10_000).default(100),
          })
          .strict()
          .prefault({}),
      })
      // Unknown keys are refused everywhere: a typo ("sever:") must not silently fall back to a default.
      .strict()
      // Each model directory gets its own embedded data directory.
      .transform((c) => ({ ...c, embedded: { dataDir: c.embedded.dataDir ?? defaultDataDir(c.model.dir) } }))
  );
}

/** .data/<name of the model directory>/embedded: switching models in one checkout opens another engine. */
export function defaultDataDir(modelDir: string): string {
  return join('.data', basename(resolve(modelDir)), 'embedded');
}

/** The schema without sources (for checking one section, e.g. notices, in tests and tools). */
export const configSchema = configSchemaFor([]);
export type HubSettings = z.output<ReturnType<typeof configObject>>;
/** The settings plus the company model of `model.dir`, loaded once with them (src/config/load.ts). */
export type HubConfig = Omit<HubSettings, 'model'> & { model: CompanyModel };
export type SourceConfig = z.output<typeof sourceConfigSchema>;
