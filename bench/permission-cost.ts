import { execute, parse } from 'graphql';
import { resolveViewer } from '../src/auth/principal';
import { withPermissions } from '../src/resolvers/permissions';
import { loadConfig } from '../src/config/load';
import { startRuntime } from '../src/app/runtime';
import { createContext } from '../src/app/create-context';
import { buildSchema } from '../src/resolvers/executable-schema';

/**
 * `npm run bench:permissions`: what the permission layer (graphql-shield rules + masking) costs on a
 * 5,000-row list for a non-privileged role, against the same schema without it, in the same process and
 * run, interleaved. Embedded engine at scale 3 (6,000 customers), seeded once into .data/bench-sf3.
 */
const ROWS = 5000;
const RUNS = Number(process.env.RUNS ?? 15);
const QUERY = parse(
  `{ customers(limit: ${ROWS}) { id name segment industry region createdOn contacts { name phone email } } }`,
);

async function main(): Promise<void> {
  const config = loadConfig(process.env, {
    embedded: { dataDir: '.data/bench-sf3' },
    demo: { scale: 3 },
    limits: { maxPageSize: ROWS },
    auth: { jwt: { secret: 'bench-secret-not-used-for-tokens-0123456789' } },
  });
  const runtime = await startRuntime(config);
  const viewer = await resolveViewer(
    { kind: 'person', personId: 'EMP-000271' },
    runtime.policy,
    runtime.org,
    '2026-01-01',
  );
  const plain = buildSchema(runtime.model, runtime.policy);
  const guarded = withPermissions(buildSchema(runtime.model, runtime.policy), runtime.policy);
  const run = async (schema: typeof plain) => {
    const started = performance.now();
    const result = await execute({ schema, document: QUERY, contextValue: createContext(runtime, viewer) });
    const ms = performance.now() - started;
    const rows = (result.data as { customers: unknown[] } | null)?.customers.length ?? 0;
    if (result.errors?.length || rows !== ROWS)
      throw new Error(`unexpected result: ${rows} rows, ${result.errors?.[0]?.message}`);
    return { ms, result };
  };
  for (let i = 0; i < 3; i++) await Promise.all([run(plain), run(guarded)]);
  const times: Record<'without' | 'with', number[]> = { without: [], with: [] };
  let sample: unknown;
  for (let i = 0; i < RUNS; i++) {
    times.without.push((await run(plain)).ms);
    const guardedRun = await run(guarded);
    times.with.push(guardedRun.ms);
    sample = (guardedRun.result.data as { customers: Array<{ contacts: unknown[] }> }).customers[0]!.contacts[0];
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const a = median(times.without);
  const b = median(times.with);
  process.stdout.write(
    `${ROWS} customers with contacts (${RUNS} interleaved runs, medians), as finance analyst (contact phone and e-mail masked):\n` +
      `  without permission layer: ${a.toFixed(1)} ms\n  with shield + masking:    ${b.toFixed(1)} ms\n` +
      `  cost: +${(b - a).toFixed(1)} ms (${(b / a).toFixed(2)}×)\n  sample masked contact: ${JSON.stringify(sample)}\n`,
  );
  await runtime.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
