import type { HubConfig } from '../config/schema';
import { logger } from '../logger';
import type { SourceAdapter } from '../sources/contract';
import { SqlAdapter } from '../sources/sql/adapter';
import type { CompanyModel } from '../model/entities';
import { ModelError } from '../model/load';
import { loadCompany } from '../company/load';
import { checkCompany, checkLiveSources, liveSourceProblems, type LiveSource } from '../company/check';
import type { SqlConnection } from '../db/connection';
import { readLiveCatalog } from '../db/live-catalog';
import { LiveCheckedAdapter } from '../sources/live-checked-adapter';
import { EmbeddedEngine } from '../db/embedded';
import { needsEmbeddedEngine, openConnection } from '../db/open';
import { dialectOf } from '../db/dialects';
import { HubStore } from '../store/hub-store';
import { DisclosureStore } from '../store/disclosure-store';
import { seedEmbeddedDemo } from '../seed/seed-embedded';
import type { Dictionary } from '../indicators/dictionary';
import { catalogOfAdapters } from '../indicators/catalog';
import type { TargetBook } from '../indicators/targets';
import type { UnitBook } from '../indicators/units';
import type { PolicyBook } from '../auth/policy';
import { InMemoryResultCache, type ResultCache } from '../cache/result-cache';
import { observeResultCache } from '../observability/metrics';
import type { KeyMap } from '../keys/keymap';
import { MemberCounts } from '../federation/member-counts';
import { Crosswalks } from '../keys/crosswalks';
import { ResilientAdapter } from '../sources/resilience/resilient-adapter';
import { Governance } from '../governance/service';
import { Authenticator } from '../auth/authenticate';
import { AuditLog } from '../audit/audit-log';
import { AuditSystem, gatherStartFacts } from '../audit/system-events';
import { loadPrivateKey } from '../audit/anchors';
import { ConfigError } from '../errors';
import { resolveJwtSecret } from '../auth/jwt-secret';
import { OrgDirectory } from '../auth/org-directory';
import { ownerProblemsAtStart } from '../indicators/owners';
import { Routing } from '../federation/routing';
import { createNoticeCenter, type NoticeCenter } from '../notices/notice-center';
import { refuseUnsafeDeployment } from './deployment';
import { shareAcrossReplicas } from './replicas';
import { RedisSharedState, type SharedState } from '../replicas/shared-state';
import { SharedResultCache } from '../cache/shared-result-cache';
import { startTracing, type Tracing } from '../observability/tracing';

/** Everything that lives as long as the process: adapters, key map, routing, the hub's store. */
export interface HubRuntime {
  config: HubConfig;
  /** The company model (entities, sources, mappings), loaded once with the configuration (config.model). */
  model: CompanyModel;
  adapters: ReadonlyMap<string, SourceAdapter>;
  /** The current key map (replaced whole on each crosswalk refresh: read it per lookup, don't keep it). */
  readonly keyMap: KeyMap;
  crosswalks: Crosswalks;
  /** Row counts of the dimension entities the key map does not know (the output estimate's bound for them). */
  memberCounts?: MemberCounts;
  routing: Routing;
  store: HubStore;
  /** Indicator definitions: lifecycle, versions, the published dictionary. */
  governance: Governance;
  /** The current published dictionary (a request keeps the one it started with: HubContext.dictionary). */
  readonly dictionary: Dictionary;
  cache: ResultCache;
  targets: TargetBook;
  /** The units file: each unit's display precision (values are rounded once, at the output). */
  readonly units: UnitBook;
  policy: PolicyBook;
  authenticator: Authenticator;
  org: OrgDirectory;
  /** The hash-chained audit log in the hub's store. */
  audit: AuditLog;
  /** Start, stop, access changes and signed checkpoints of the audit trail (src/audit/system-events.ts). */
  auditSystem: AuditSystem;
  /** Governance notices: inbox, registered interest, webhooks, the live stream (src/notices). */
  notices: NoticeCenter;
  /** Query sets of personal data released to each principal (src/engine/disclosure.ts). */
  disclosure: DisclosureStore;
  /** The replicas' shared state (Redis), when `redis.url` is set (src/replicas, src/app/replicas.ts). */
  shared?: SharedState;
  /** OpenTelemetry export, when `tracing.endpoint` is set (src/observability/tracing.ts). */
  tracing?: Tracing;
  close(): Promise<void>;
}

export interface StartOptions {
  /** The deployment checks of src/app/deployment.ts (main.ts: yes; tests composing a runtime: no). */
  refuseUnsafeDeployment?: boolean;
}

export async function startRuntime(config: HubConfig, options: StartOptions = {}): Promise<HubRuntime> {
  // The model was loaded with the configuration (its sources name the connections); the rest of the company
  // is read here, by the same loader and the same checks as `npm run model:check`.
  const model = config.model;
  const loaded = loadCompany(model, { calendar: config.calendar });
  if (!loaded.company) throw new ModelError(model.dir, loaded.problems);
  const company = loaded.company;
  if (options.refuseUnsafeDeployment) refuseUnsafeDeployment(config, company.policy);
  const sourceNames = Object.keys(model.sources);
  const settings = (name: string) => config.sources[name]!;
  const needsEmbedded = needsEmbeddedEngine([config.store, ...sourceNames.map(settings)]);
  const started = performance.now();
  const embedded = needsEmbedded ? await EmbeddedEngine.open(config.embedded.dataDir) : undefined;
  if (embedded)
    logger.info(
      { dataDir: embedded.dataDir ?? ':memory:', ms: Math.round(performance.now() - started) },
      'embedded engine open',
    );

  const store = new HubStore(openConnection({ ...config.store, schema: config.store.schema }, 'hub', embedded));
  const adapters = new Map<string, SourceAdapter>();
  // Anything that fails from here on closes what was opened, so a refused start leaves no pool behind.
  const abandon = async (error: unknown): Promise<never> => {
    await Promise.allSettled([...adapters.values()].map((a) => a.close()));
    await store.close().catch(() => undefined);
    await embedded?.close().catch(() => undefined);
    throw error;
  };
  return prepare().catch(abandon);

  async function prepare(): Promise<HubRuntime> {
    // The company is checked against the sources' live catalogs BEFORE the store is migrated or written: a
    // refused model leaves the store as it was. Embedded sources the demo generator fills on first start are
    // checked right after it did (their tables exist only then).
    const problems = [...loaded.problems];
    const conns = new Map<string, SqlConnection>();
    for (const name of sourceNames) {
      const conn = openConnection(settings(name), name, embedded);
      conns.set(name, conn);
      const adapter = new SqlAdapter(name, model.sources[name]!.mapping, conn, model);
      adapters.set(name, new ResilientAdapter(adapter, settings(name).breaker));
    }
    const read = async (name: string, into: Map<string, LiveSource>) =>
      into.set(name, { catalog: await readLiveCatalog(conns.get(name)!), adapter: adapters.get(name)! });
    const inProcess = (name: string) => dialectOf(settings(name).engine).inProcess;
    const seededLater = embedded && config.demo.seed ? sourceNames.filter(inProcess) : [];
    const unreachable: string[] = [];
    const live = new Map<string, LiveSource>();
    for (const name of sourceNames.filter((n) => !seededLater.includes(n))) {
      try {
        await read(name, live);
      } catch (error) {
        // Unreachable at start is a fault, not a model error: the hub starts without it and checks it when it answers.
        logger.warn(
          { source: name, err: error },
          'source unreachable at start: its mapping will be checked against its live catalog when it answers',
        );
        unreachable.push(name);
        const check = async () => liveSourceProblems(company, name, await readLiveCatalog(conns.get(name)!));
        adapters.set(name, new LiveCheckedAdapter(adapters.get(name)!, check));
      }
    }
    problems.push(...(await checkCompany(company, live)));
    if (problems.length) throw new ModelError(model.dir, problems);

    await store.migrate();
    if (embedded && config.demo.seed) {
      await seedEmbeddedDemo(config, model, store, embedded);
    }
    const seeded = new Map<string, LiveSource>();
    for (const name of seededLater) await read(name, seeded);
    problems.push(...(await checkLiveSources(company, seeded)));
    if (problems.length) throw new ModelError(model.dir, problems);

    const crosswalks = new Crosswalks(model, (name) => adapters.get(name)!, store, config.crosswalks);
    await crosswalks.start(unreachable);
    const memberCounts = new MemberCounts(model, adapters);
    const uncounted = await memberCounts.refresh();
    if (uncounted.length)
      logger.warn(
        { entities: uncounted },
        'could not count these dimension entities: the output estimate bounds them by limits.maxStatementRows',
      );
    const routing = new Routing(model, adapters);
    const { policy, units, targets } = company;
    const orgParts = { model, routing, adapters, crosswalks, maxBatchSize: config.loader.maxBatchSize };
    const org = new OrgDirectory(orgParts, config.auth.personStatusCacheSeconds * 1000);
    // Indicator owners against the company's data, before any definition is stored: a file naming an unknown
    // unit or person refuses the start (definitions the store already serves are checked below, and told).
    const files = company.dictionary.all();
    const owners = await ownerProblemsAtStart(files, [], model, org);
    if (owners.unchecked) {
      logger.warn({ err: owners.unchecked }, 'could not read the organisation units or people: owners are not checked');
    }
    if (owners.problems.length) {
      crosswalks.close();
      throw new ModelError(model.dir, owners.problems);
    }
    // Definitions live in the store (src/governance); an empty store starts from the indicator files.
    const catalog = catalogOfAdapters(adapters);
    const governance = await Governance.open(store.conn, catalog, policy, () => company.dictionary, undefined, units);
    logger.info({ indicators: governance.published().size, targets: targets.size }, 'indicator dictionary loaded');
    const jwt = {
      ...config.auth.jwt,
      secret:
        config.auth.jwt.algorithm === 'HS256'
          ? resolveJwtSecret(config.auth.jwt.secret, config.embedded.dataDir)
          : undefined,
    };
    const authenticator = new Authenticator(jwt, policy);
    const local = new InMemoryResultCache({
      maxEntries: config.cache.maxEntries,
      maxBytes: config.cache.maxBytes,
      purgeIntervalMs: config.cache.purgeIntervalSeconds * 1000,
    });
    const shared = config.redis.url
      ? new RedisSharedState({
          url: config.redis.url,
          keyPrefix: config.redis.keyPrefix,
          commandTimeoutMs: config.redis.commandTimeoutMs,
        })
      : undefined;
    const tracing = config.tracing.endpoint
      ? startTracing({ endpoint: config.tracing.endpoint, serviceName: config.tracing.serviceName })
      : undefined;
    const cache: ResultCache = shared ? new SharedResultCache(local, shared) : local;
    observeResultCache(() => cache.stats());
    const notices = createNoticeCenter(store.conn, config.notices, logger, config.server);
    // Lifecycle steps record their notices in their own transaction and push them after commit.
    governance.notices = notices;
    if (shared && cache instanceof SharedResultCache) shareAcrossReplicas(shared, { governance, cache, notices });
    // On a shared store (PostgreSQL) other hub processes approve too: pick their versions up.
    if (!store.conn.dialect.inProcess) {
      const warn = (error: unknown) => logger.warn({ err: error }, 'could not refresh indicator definitions');
      governance.refreshEvery(config.governance.refreshSeconds, warn);
    }
    if (!owners.unchecked) {
      const fromFiles = new Set(files.map((f) => `${f.def.code} ${f.fingerprint}`));
      const stored = governance
        .published()
        .all()
        .filter((i) => !fromFiles.has(`${i.def.code} ${i.fingerprint}`));
      const { stale } = await ownerProblemsAtStart([], stored, model, org);
      for (const line of stale) logger.warn(`indicator owner: ${line}`);
    }
    // The audit trail's system events: start (with what changed since the last one), then stop at close.
    const audit = new AuditLog(store.conn);
    const anchor = config.audit.anchor;
    const auditSystem = new AuditSystem(
      audit,
      anchor.keyFile && anchor.file
        ? {
            key: await loadPrivateKey(anchor.keyFile).catch((error: unknown) => {
              throw new ConfigError(`audit.anchor.keyFile: ${(error as Error).message}`);
            }),
            file: anchor.file,
            intervalSeconds: anchor.intervalSeconds,
          }
        : undefined,
    );
    await auditSystem.started(await gatherStartFacts({ ...config }, policy, org, model));
    return {
      config,
      model,
      adapters,
      get keyMap() {
        return crosswalks.keyMap;
      },
      crosswalks,
      memberCounts,
      routing,
      store,
      governance,
      get dictionary() {
        return governance.published();
      },
      cache,
      targets,
      units,
      policy,
      authenticator,
      org,
      audit,
      auditSystem,
      notices,
      disclosure: new DisclosureStore(store.conn, config.disclosure.retentionDays),
      ...(shared ? { shared } : {}),
      ...(tracing ? { tracing } : {}),
      async close() {
        await auditSystem
          .stopped()
          .catch((error: unknown) => logger.error({ err: error }, 'could not write the audit stop record'));
        governance.close();
        crosswalks.close();
        cache.close();
        await notices.close();
        await shared?.close();
        await tracing?.shutdown().catch((error: unknown) => logger.warn({ err: error }, 'could not flush traces'));
        await Promise.allSettled([...adapters.values()].map((a) => a.close()));
        await store.close();
        await embedded?.close();
      },
    };
  }
}
