import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../errors';
import { DEFAULT_MODEL_DIR, loadModel } from '../model/load';
import { configSchemaFor, type HubConfig } from './schema';

type Env = Record<string, string | undefined>;
type Json = Record<string, unknown>;

/**
 * Configuration = defaults ← the model's source files (connection) ← file (HUB_CONFIG, default
 * ./hub.config.yaml when present) ← environment.
 * Environment keys: HOST, PORT, HUB_MODEL_DIR, HUB_DATA_DIR, HUB_DEMO, HUB_DEMO_SCALE, HUB_DEMO_SEED,
 * HUB_FISCAL_YEAR_START_MONTH, HUB_STORE_ENGINE, HUB_STORE_URL, HUB_REDIS_URL, HUB_SOURCE_<NAME>_ENGINE / _URL / _SCHEMA /
 * _POOL_MAX / _CACHE_TTL_SECONDS for any source the model declares.
 * The model directory is loaded and validated here, once (it says which sources exist): `config.model` is
 * the loaded model; the rest of the company is read by src/company/load.ts.
 */
export function loadConfig(env: Env = process.env, overrides: Json = {}): HubConfig {
  const file = env.HUB_CONFIG ?? (existsSync('hub.config.yaml') ? 'hub.config.yaml' : undefined);
  const fromFile = file ? readConfigFile(file) : {};
  const merged = deepMerge(deepMerge(fromFile, fromEnv(env)), overrides);
  const modelDir =
    isObject(merged.model) && typeof merged.model.dir === 'string' ? merged.model.dir : DEFAULT_MODEL_DIR;
  const model = loadModel(modelDir, { env });
  const sources = isObject(merged.sources) ? { ...merged.sources } : merged.sources === undefined ? {} : merged.sources;
  if (isObject(sources)) {
    for (const [name, source] of Object.entries(model.sources)) {
      const given = sources[name];
      if (given === undefined || isObject(given)) sources[name] = deepMerge(source.connection, given ?? {});
    }
  }
  const parsed = configSchemaFor(Object.keys(model.sources)).safeParse({ ...merged, sources });
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error, file));
  return { ...parsed.data, model };
}

function readConfigFile(file: string): Json {
  if (!existsSync(file)) throw new ConfigError(`Configuration file "${file}" (from HUB_CONFIG) does not exist.`);
  let content: unknown;
  try {
    content = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    // The parser quotes the offending line after its first line, and that line may hold a password.
    const reason = (error as Error).message.split('\n')[0]!.replace(/:$/, '');
    throw new ConfigError(`Configuration file "${file}" is not valid YAML: ${reason}.`);
  }
  if (content === null || content === undefined) return {};
  if (!isObject(content)) {
    const received = Array.isArray(content) ? 'a list' : `a ${typeof content}`;
    throw new ConfigError(
      `Configuration file "${file}": expected a mapping of settings such as "server:" and "sources:", received ${received}.`,
    );
  }
  return content;
}

const ENV_KEYS: Array<[string, string[], 'string' | 'number' | 'boolean' | 'list']> = [
  ['HOST', ['server', 'host'], 'string'],
  ['PORT', ['server', 'port'], 'number'],
  ['HUB_CORS_ORIGINS', ['server', 'corsOrigins'], 'list'],
  ['HUB_CORS_ALLOWED_HEADERS', ['server', 'corsAllowedHeaders'], 'list'],
  ['HUB_CORS_EXPOSED_HEADERS', ['server', 'corsExposedHeaders'], 'list'],
  ['HUB_DATA_DIR', ['embedded', 'dataDir'], 'string'],
  ['HUB_DEMO_SCALE', ['demo', 'scale'], 'number'],
  ['HUB_DEMO', ['demo', 'enabled'], 'boolean'],
  ['HUB_DEMO_SEED', ['demo', 'seed'], 'boolean'],
  ['HUB_FISCAL_YEAR_START_MONTH', ['calendar', 'fiscalYearStartMonth'], 'number'],
  ['HUB_STORE_ENGINE', ['store', 'engine'], 'string'],
  ['HUB_STORE_URL', ['store', 'url'], 'string'],
  ['HUB_MODEL_DIR', ['model', 'dir'], 'string'],
  ['HUB_GOVERNANCE_ARCHIVED', ['governance', 'archived'], 'string'],
  ['HUB_CROSSWALKS_REFRESH_SECONDS', ['crosswalks', 'refreshSeconds'], 'number'],
  ['HUB_AUDIT_ANCHOR_KEY_FILE', ['audit', 'anchor', 'keyFile'], 'string'],
  ['HUB_AUDIT_ANCHOR_FILE', ['audit', 'anchor', 'file'], 'string'],
  ['HUB_INTROSPECTION', ['security', 'introspection'], 'boolean'],
  ['HUB_HIDE_SCHEMA_DETAILS', ['security', 'hideSchemaDetails'], 'boolean'],
  ['HUB_TRUSTED_DOCUMENTS', ['security', 'trustedDocumentsFile'], 'string'],
  ['HUB_JWT_SECRET', ['auth', 'jwt', 'secret'], 'string'],
  ['HUB_REDIS_URL', ['redis', 'url'], 'string'],
  ['HUB_SUBGRAPH', ['subgraph', 'enabled'], 'boolean'],
  ['HUB_TRACING_ENDPOINT', ['tracing', 'endpoint'], 'string'],
  ['HUB_JWT_ALGORITHM', ['auth', 'jwt', 'algorithm'], 'string'],
  ['HUB_JWT_JWKS_FILE', ['auth', 'jwt', 'jwksFile'], 'string'],
  ['HUB_JWT_ISSUER', ['auth', 'jwt', 'issuer'], 'string'],
  ['HUB_JWT_AUDIENCE', ['auth', 'jwt', 'audience'], 'string'],
];

/** HUB_SOURCE_<NAME>_<KEY> for any source name (the model says which exist). */
const SOURCE_ENV = /^HUB_SOURCE_([A-Z0-9_]+?)_(ENGINE|URL|SCHEMA|POOL_MAX|CACHE_TTL_SECONDS)$/;
const SOURCE_KEYS: Record<string, [string[], 'string' | 'number']> = {
  ENGINE: [['engine'], 'string'],
  URL: [['url'], 'string'],
  SCHEMA: [['schema'], 'string'],
  POOL_MAX: [['pool', 'max'], 'number'],
  CACHE_TTL_SECONDS: [['cacheTtlSeconds'], 'number'],
};

function fromEnv(env: Env): Json {
  const out: Json = {};
  const entries = [...ENV_KEYS];
  for (const name of Object.keys(env)) {
    const match = SOURCE_ENV.exec(name);
    if (!match) continue;
    const [, source, key] = match as unknown as [string, string, keyof typeof SOURCE_KEYS];
    const [path, type] = SOURCE_KEYS[key]!;
    entries.push([name, ['sources', source.toLowerCase(), ...path], type]);
  }
  for (const [name, path, type] of entries) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    setPath(out, path, convert(name, raw, type));
  }
  return out;
}

function convert(name: string, raw: string, type: 'string' | 'number' | 'boolean' | 'list'): unknown {
  if (type === 'string') return raw;
  if (type === 'list')
    return raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  if (type === 'boolean') {
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    throw new ConfigError(`Environment variable ${name}: expected true or false, received "${raw}".`);
  }
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n))
    throw new ConfigError(`Environment variable ${name}: expected a number, received "${raw}".`);
  return n;
}

function setPath(target: Json, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Json;
  node[path[path.length - 1]!] = value;
}

/** Objects merge key by key; arrays and scalars in `extra` replace those in `base`. */
export function deepMerge(base: Json, extra: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const prev = out[key];
    out[key] = isObject(prev) && isObject(value) ? deepMerge(prev, value) : value;
  }
  return out;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function describeIssues(error: z.ZodError, file: string | undefined): string {
  const lines = error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return `Invalid configuration${file ? ` (file ${file} plus environment)` : ''}:\n${lines.join('\n')}`;
}
