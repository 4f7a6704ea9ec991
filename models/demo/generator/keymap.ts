import { generatedKeyMap } from '../../../src/sources/sql/load';
import type { KeyMapRow } from '../../../src/store/hub-store';
import type { Company } from './company';
import { generator } from './index';

/** The key map of the demo company: every source's keys for every conformed entity it holds. */
export function demoKeyMap(company: Company): KeyMapRow[] {
  return generatedKeyMap(generator, company);
}
