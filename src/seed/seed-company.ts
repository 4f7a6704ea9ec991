import type { SqlConnection } from '../db/connection';
import { ensureSchema } from '../db/open';
import type { CompanyModel } from '../model/entities';
import type { HubStore } from '../store/hub-store';
import { seedLoadedCrosswalks } from './crosswalk-pairs';
import type { ModelGenerator } from './definition';
import { seedDemoSource } from './demo-source';

export interface SeedPlan<C> {
  generator: ModelGenerator<C>;
  /** The generated company (`generator.generate(scale)`), generated once by the caller. */
  company: C;
  /** A connection for one generated source, or undefined to leave that source alone. Closed after its load. */
  connect(source: string): SqlConnection | undefined;
  /** Run on a source's connection after its load (e.g. fresh planner statistics). */
  afterLoad?(source: string, conn: SqlConnection): Promise<void>;
  /** Sources load one after another unless this is set (one embedded engine has one connection). */
  parallel?: boolean;
  /** The hub's store and model: the pairs of the model's `loaded` crosswalks go there. */
  store?: { model: CompanyModel; store: HubStore };
}

/**
 * A generated company into the sources it generates (native tables dropped and created, each table in one
 * transaction), and the pairs of its `loaded` crosswalks into the hub's store: the one seeding routine behind
 * the first start on the embedded engine (./seed-embedded.ts), `npm run seed`, the tests' databases and the
 * benchmark. Returns the rows loaded per source.
 */
export async function seedCompany<C>(plan: SeedPlan<C>): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  const load = async (source: string) => {
    const conn = plan.connect(source);
    if (!conn) return;
    try {
      await ensureSchema(conn);
      rows[source] = await seedDemoSource(plan.generator.sources[source]!, conn, plan.company);
      await plan.afterLoad?.(source, conn);
    } finally {
      await conn.close();
    }
  };
  const sources = Object.keys(plan.generator.sources);
  if (plan.parallel) await Promise.all(sources.map(load));
  else for (const source of sources) await load(source);
  if (plan.store) await seedLoadedCrosswalks(plan.store.model, plan.store.store, plan.generator, plan.company);
  return rows;
}
