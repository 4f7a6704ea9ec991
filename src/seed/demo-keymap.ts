import { SOURCES, SOURCE_NAMES } from '../sources/registry';
import type { KeyMapRow } from '../store/hub-store';
import type { Company } from './company';

/** The key map of the demo company: every source's keys for every conformed entity it holds. */
export function demoKeyMap(company: Company): KeyMapRow[] {
  return SOURCE_NAMES.flatMap((source) =>
    SOURCES[source].demo.keyMap(company).map((pair) => ({ ...pair, source })),
  );
}
