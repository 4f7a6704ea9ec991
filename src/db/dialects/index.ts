import type { Dialect, EngineName } from '../dialect';
import { embedded } from './embedded';
import { mysql } from './mysql';
import { postgres } from './postgres';

/**
 * Every engine the hub connects to, by the name a connection's configuration gives it (`engine:`). Adding
 * an engine is one file beside these and one line here (and its name in the configuration's schema).
 */
export const DIALECTS: Readonly<Record<EngineName, Dialect>> = Object.freeze({ postgres, mysql, embedded });

/** The dialect of an engine name; an unknown name is refused with the known ones. */
export function dialectOf(engine: string): Dialect {
  if (!Object.hasOwn(DIALECTS, engine)) {
    throw new Error(`Unknown database engine "${engine}": expected one of ${Object.keys(DIALECTS).join(', ')}`);
  }
  return DIALECTS[engine as EngineName];
}
