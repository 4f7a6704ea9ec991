import { execute, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { resolveViewer } from '../../src/auth/principal';
import { withPermissions } from '../../src/resolvers/permissions';
import type { Viewer } from '../../src/auth/viewer';
import { loadConfig } from '../../src/config/load';
import { computeValues, type ValuesRequest } from '../../src/engine';
import { startRuntime, type HubRuntime } from '../../src/app/runtime';
import { createLoaders } from '../../src/loaders';
import { bucketsBetween } from '../../src/values/buckets';
import { parsePeriod } from '../../src/values/period';
import { createContext } from '../../src/app/create-context';
import { buildSchema } from '../../src/resolvers/executable-schema';
import { captureStatements, type CapturedStatement } from './floor';
import { median, round } from './stats';
import { DASHBOARD_CODES, hubConfig, type Workload } from './workloads';
import type { BenchDatabases } from './seed';
import { memberValues } from '../../src/engine/member-values';
import { CodedError } from './errors';

/**
 * The comparisons that need the hub's code in the bench's own process: capturing the SQL the hub sends
 * for each workload (replayed by the floor), the naive per-row baseline, and the permission layer's cost.
 * One runtime on the bench servers, result cache off.
 */
export class InProcessHub {
  /** Per schema and document: graphql-jit's compiled query, as the HTTP hub runs it (src/server/compiled-executor.ts). */
  private readonly compiled = new Map<GraphQLSchema, Map<string, CompiledQuery | null>>();

  private constructor(
    readonly runtime: HubRuntime,
    private readonly guarded: GraphQLSchema,
    private readonly plain: GraphQLSchema,
  ) {}

  static async start(db: BenchDatabases, scale: number): Promise<InProcessHub> {
    const runtime = await startRuntime(loadConfig({}, hubConfig(db, scale, { cache: false })));
    return new InProcessHub(
      runtime,
      withPermissions(buildSchema(runtime.model, runtime.policy), runtime.policy),
      buildSchema(runtime.model, runtime.policy),
    );
  }

  async viewer(personId: string): Promise<Viewer> {
    return resolveViewer(
      { kind: 'person', personId },
      this.runtime.policy,
      this.runtime.org,
      new Date().toISOString().slice(0, 10),
    );
  }

  /** Executes a document as `viewer` with the executor the HTTP hub uses for queries (graphql-jit; graphql-js
   *  with `graphqlJs`); throws on GraphQL errors. Returns the JSON size. */
  async execute(
    query: string,
    viewer: Viewer,
    opts: { guarded?: boolean; naiveLoaders?: boolean; graphqlJs?: boolean } = {},
  ): Promise<number> {
    const ctx = createContext(this.runtime, viewer);
    // Per-row loads: a batch of one key, so every parent costs its own statement (no DataLoader batching).
    const naive = { maxBatchSize: 1, maxAggregateMembers: 1 };
    const values = (keys: Parameters<typeof memberValues>[1]) => memberValues(ctx, keys);
    if (opts.naiveLoaders) ctx.loaders = createLoaders(this.runtime.adapters, (s) => ctx.callFor(s), naive, values);
    const schema = opts.guarded === false ? this.plain : this.guarded;
    const jit = opts.graphqlJs ? null : this.compile(schema, query);
    const result: ExecutionResult = jit
      ? await jit.query(undefined, ctx, {})
      : await execute({ schema, document: parse(query), contextValue: ctx });
    if (result.errors?.length)
      throw new CodedError(
        String(result.errors[0]!.extensions?.code ?? 'GRAPHQL_ERROR'),
        `in-process execute: ${result.errors[0]!.message}`,
      );
    return JSON.stringify(result).length;
  }

  private compile(schema: GraphQLSchema, query: string): CompiledQuery | null {
    let bySchema = this.compiled.get(schema);
    if (!bySchema) this.compiled.set(schema, (bySchema = new Map()));
    let compiled = bySchema.get(query);
    if (compiled === undefined) {
      const out = compileQuery(schema, parse(query), undefined, { disablingCapturingStackErrors: true });
      compiled = isCompiledQuery(out) ? out : null;
      bySchema.set(query, compiled);
    }
    return compiled;
  }

  /**
   * Median time of `runs` executions of `workload` in this process: graphql-jit (as over HTTP) + permission layer +
   * engine + sources, without HTTP, Apollo's plugins, authentication and the audit record — the share of
   * the hub's latency its own request pipeline does not explain.
   */
  async executeTime(workload: Workload, runs: number): Promise<number> {
    const viewer = await this.viewer(workload.principal);
    await this.execute(workload.query, viewer);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await this.execute(workload.query, viewer);
      times.push(performance.now() - t);
    }
    return round(median(times), 2);
  }

  /** The statements one request of `workload` sends to the sources, as the drivers saw them. */
  async capture(workload: Workload): Promise<CapturedStatement[]> {
    const viewer = await this.viewer(workload.principal);
    await this.execute(workload.query, viewer); // warm the key map and connections, not captured
    return captureStatements(async () => {
      await this.execute(workload.query, viewer);
    });
  }

  /**
   * The dashboard over `departments`, computed twice: as the hub does (one push-down statement per
   * source fact for all of them) and naively, as a per-row resolver would (every department computes
   * its own 12 indicators × 12 months with its own statements, no batching across rows). Each ends with
   * JSON.stringify of the cells. Interleaved runs; medians.
   */
  async naiveDashboard(departments: readonly string[], runs: number): Promise<NaiveComparison> {
    const viewer = await this.viewer('EMP-000001');
    const calendar = this.runtime.config.calendar;
    const buckets = bucketsBetween(
      parsePeriod('2025-01', calendar),
      parsePeriod('2025-12', calendar),
      'month',
      calendar,
    );
    const base: Omit<ValuesRequest, 'filters' | 'groupBy'> = {
      codes: DASHBOARD_CODES,
      buckets,
      grain: 'month',
      rollup: false,
    };
    const cells = (table: Awaited<ReturnType<typeof computeValues>>, member: string) =>
      buckets.map((b) => DASHBOARD_CODES.map((code) => table.cell(code, b.label, member)));
    const hub = async () => {
      const ctx = createContext(this.runtime, viewer);
      const table = await computeValues(ctx, this.runtime.dictionary, {
        ...base,
        groupBy: [{ dimension: 'department' }],
        filters: [{ dimension: 'department', ids: departments }],
      });
      return {
        bytes: JSON.stringify(table.members.map((m) => cells(table, m))).length,
        statements: ctx.trace.statementCount,
      };
    };
    const naive = async () => {
      const ctx = createContext(this.runtime, viewer);
      const rows = await Promise.all(
        departments.map(async (id) =>
          cells(
            await computeValues(ctx, this.runtime.dictionary, {
              ...base,
              groupBy: [],
              filters: [{ dimension: 'department', ids: [id] }],
            }),
            '',
          ),
        ),
      );
      return { bytes: JSON.stringify(rows).length, statements: ctx.trace.statementCount };
    };
    return interleave(runs, hub, naive);
  }

  /** The 10,000-row list with the hub's batched loaders and with one statement per parent row. */
  async naiveList(query: string, principal: string, runs: number): Promise<NaiveComparison> {
    const viewer = await this.viewer(principal);
    const counted = (naiveLoaders: boolean) => async () => {
      const captured = await captureStatements(async () => {
        await this.execute(query, viewer, { naiveLoaders });
      });
      return { bytes: 0, statements: captured.length };
    };
    return interleave(runs, counted(false), counted(true));
  }

  /** The list with and without graphql-shield + masking (same schema, same process, interleaved). */
  async permissionCost(
    query: string,
    principal: string,
    runs: number,
  ): Promise<{ withoutMs: number; withMs: number; ratio: number; runs: number }> {
    const viewer = await this.viewer(principal);
    await this.execute(query, viewer, { guarded: false });
    await this.execute(query, viewer, { guarded: true });
    const without: number[] = [];
    const withLayer: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      await this.execute(query, viewer, { guarded: false });
      without.push(performance.now() - t);
      t = performance.now();
      await this.execute(query, viewer, { guarded: true });
      withLayer.push(performance.now() - t);
    }
    const a = median(without);
    const b = median(withLayer);
    return { withoutMs: round(a, 1), withMs: round(b, 1), ratio: round(b / a, 2), runs };
  }

  close(): Promise<void> {
    return this.runtime.close();
  }
}

export interface NaiveComparison {
  hubMs: number;
  naiveMs: number;
  ratio: number;
  hubStatements: number;
  naiveStatements: number;
  runs: number;
}

async function interleave(
  runs: number,
  hub: () => Promise<{ statements: number }>,
  naive: () => Promise<{ statements: number }>,
): Promise<NaiveComparison> {
  await hub();
  const hubTimes: number[] = [];
  const naiveTimes: number[] = [];
  let hubStatements = 0;
  let naiveStatements = 0;
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    hubStatements = (await hub()).statements;
    hubTimes.push(performance.now() - t);
    t = performance.now();
    naiveStatements = (await naive()).statements;
    naiveTimes.push(performance.now() - t);
  }
  const h = median(hubTimes);
  const n = median(naiveTimes);
  return { hubMs: round(h, 1), naiveMs: round(n, 1), ratio: round(n / h, 1), hubStatements, naiveStatements, runs };
}
