import { existsSync } from 'node:fs';
import { loadConfig } from '../config/load';
import type { HubConfig } from '../config/schema';
import { ConfigError } from '../errors';
import { EmbeddedEngine } from '../db/embedded';
import { dialectOf } from '../db/dialects';
import { needsEmbeddedEngine, openConnection } from '../db/open';
import { readLiveCatalog } from '../db/live-catalog';
import { SqlAdapter } from '../sources/sql/adapter';
import type { SqlConnection } from '../db/connection';
import { ModelError } from '../model/load';
import { mappingSize } from './live-check';
import { loadCompany, type Company } from './load';
import { checkCompany, liveSourceProblems, type LiveSource } from './check';

export interface DirectoryCheck {
  /** `<file>: <path>: <problem>`, every one found. */
  problems: string[];
  /** One line per source whose live catalog matched. */
  summary: string[];
}

type Env = Record<string, string | undefined>;

/**
 * Everything the hub checks at start, without starting it, through the same two functions start-up calls:
 * loadCompany (the files, each on its own, and the model's cross-references) and checkCompany (the parts
 * against each other, every source against its live catalog). Collects every problem; nothing is written
 * anywhere (the hub's store is not opened).
 */
export async function checkModelDirectory(dir: string, env: Env): Promise<DirectoryCheck> {
  const problems: string[] = [];
  let config: HubConfig | undefined;
  try {
    config = loadConfig({ ...env, HUB_MODEL_DIR: dir });
  } catch (error) {
    // The model's own problems are loadCompany's to report (it reads the directory again, collecting them).
    if (error instanceof ConfigError && !(error instanceof ModelError)) problems.push(error.message);
    else if (!(error instanceof ModelError)) throw error;
  }
  const loaded = loadCompany(config?.model ?? dir, { env, ...(config ? { calendar: config.calendar } : {}) });
  problems.push(...loaded.problems);
  if (!loaded.company) return { problems, summary: [] };
  // Live catalogs need every connection resolved; without a configuration the parts are still checked.
  if (!config) {
    problems.push(...(await checkCompany(loaded.company, new Map())));
    return { problems, summary: [] };
  }
  return { problems, summary: await checkSources(loaded.company, config, problems) };
}

/** checkCompany over every source that answers; an embedded source needs its (stopped) hub's data directory. */
async function checkSources(company: Company, config: HubConfig, problems: string[]): Promise<string[]> {
  const { model } = company;
  const summary: string[] = [];
  const names = Object.keys(model.sources);
  const needsEmbedded = needsEmbeddedEngine(names.map((n) => config.sources[n]));
  const dataDir = config.embedded.dataDir;
  const embedded =
    needsEmbedded && dataDir !== ':memory:' && existsSync(dataDir) ? await EmbeddedEngine.open(dataDir) : undefined;
  const conns: SqlConnection[] = [];
  const live = new Map<string, LiveSource>();
  try {
    for (const name of names) {
      const source = model.sources[name]!;
      const settings = config.sources[name]!;
      if (dialectOf(settings.engine).inProcess && !embedded) {
        problems.push(
          `${source.file}: connection: embedded source, but the data directory ${dataDir} does not exist yet (start the hub once, or npm run seed)`,
        );
        continue;
      }
      const conn = openConnection({ ...settings, pool: { min: 0, max: 1 } }, name, embedded);
      conns.push(conn);
      try {
        const catalog = await readLiveCatalog(conn);
        live.set(name, { catalog, adapter: new SqlAdapter(name, source.mapping, conn, model) });
        if (liveSourceProblems(company, name, catalog).length === 0) {
          const size = mappingSize(source.mapping);
          summary.push(
            `${name}: ${catalog.engine} ${conn.dialect.namespace} "${catalog.schema}" matches (${count(size.entities, 'entity', 'entities')}, ${count(size.facts, 'fact', 'facts')}, ${count(catalog.tables.length, 'table', 'tables')} read)`,
          );
        }
      } catch (error) {
        const reason = connectionReason(error, name, settings.url);
        problems.push(
          reason
            ? `${source.file}: connection: ${reason}`
            : `${source.file}: connection: could not read the live catalog (${settings.engine}): check that the database is up, the URL and credentials, and that the user may read information_schema`,
        );
      }
    }
    problems.push(...(await checkCompany(company, live)));
  } finally {
    await Promise.allSettled(conns.map((c) => c.close()));
    await embedded?.close();
  }
  return summary;
}

/**
 * The driver's reason a source could not be read, when it is one an engineer fixes in the configuration —
 * never the secret: the user is named, the password never (PostgreSQL 28P01/28000, MariaDB 1045).
 */
function connectionReason(error: unknown, source: string, url: string | undefined): string | undefined {
  const e = error as { code?: unknown; errno?: unknown } | null | undefined;
  let user = '?';
  try {
    user = decodeURIComponent(new URL(url ?? '').username) || '?';
  } catch {
    // no URL to read the user from
  }
  if (e?.code === '28P01' || e?.code === '28000' || e?.code === 'ER_ACCESS_DENIED_ERROR' || e?.errno === 1045)
    return `authentication failed for user "${user}" on source "${source}": check the password (or the user) in its connection URL's environment variable`;
  if (e?.code === '3D000' || e?.code === 'ER_BAD_DB_ERROR')
    return `the database named in source "${source}"'s connection URL does not exist`;
  if (e?.code === 'ECONNREFUSED')
    return `connection refused for source "${source}": is the database up, on that host and port?`;
  if (e?.code === 'ENOTFOUND') return `the host in source "${source}"'s connection URL is not known`;
  return undefined;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
