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
          })
          .strict()
          .prefault({}),
        /** Release of personal data to viewers without `individuals` (src/engine/disclosure.ts). */
        disclosure: z
          .object({
            /** Query sets kept per principal, personal fact and time window; once full, further NEW sets for that
             *  window are suppressed (never forgotten: forgetting would let a difference through). */
            maxSetsPerWindow: z.number().int().min(1).max(100_000).default(500),
            /** Logged sets older than this may be deleted (0 = kept for ever). Expiry lets a principal who waits
             *  this long difference against the forgotten sets: keep it longer than the data stays interesting. */
            retentionDays: z.number().int().min(0).default(0),
          })
          .strict()
          .prefault({}),
        loader: z
          .object({
            /** Keys per batched entity load (one IN list per statement). */
            maxBatchSize: z.number().int().min(1).max(10_000).default(1000),
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
