import type { SourceModel } from './entities';

type Env = Readonly<Record<string, string | undefined>>;
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
/** user:password@ written in a URL (a password that is not wholly one ${VAR} reference). */
const LITERAL_PASSWORD = /:\/\/[^/@\s]*:(?!\$\{[A-Za-z_][A-Za-z0-9_]*\}@)[^/@\s]+@/;

/**
 * A source file's connection with `${VAR}` (or `${VAR:-default}`) references resolved from the environment.
 * Credentials are never written in model files: a URL with a literal password is refused, and so is a
 * reference to a variable that is not set. Without an environment the connection is returned as written.
 */
export function resolveConnection(
  connection: {
    engine?: 'postgres' | 'mysql' | 'embedded' | undefined;
    url?: string | undefined;
    schema?: string | undefined;
  },
  env: Env | undefined,
  problem: (path: string, message: string) => void,
): SourceModel['connection'] {
  const out: SourceModel['connection'] = {};
  if (connection.engine) out.engine = connection.engine;
  for (const key of ['url', 'schema'] as const) {
    const raw = connection[key];
    if (raw === undefined) continue;
    if (key === 'url' && LITERAL_PASSWORD.test(raw)) {
      problem(
        key,
        'a password is written in the file: reference the URL or the password from the environment, e.g. url: ${CRM_URL}',
      );
      continue;
    }
    if (!env) {
      if (!REFERENCE.test(raw)) out[key] = raw;
      REFERENCE.lastIndex = 0;
      continue;
    }
    let missing = false;
    const value = raw.replace(REFERENCE, (_all, name: string, fallback: string | undefined) => {
      const v = env[name];
      if (v !== undefined && v !== '') return v;
      if (fallback !== undefined) return fallback;
      problem(key, `environment variable ${name} is not set`);
      missing = true;
      return '';
    });
    if (!missing && value !== '') out[key] = value;
  }
  return out;
}
