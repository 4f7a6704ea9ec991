import { generatedKeyMap } from '../../../src/seed/demo-source';
import type { KeyMapRow } from '../../../src/store/hub-store';
import type { Company } from './company';
import { generator } from './index';

/** The pairs the demo company implies: every source's keys for every conformed entity it holds. The hub
 *  builds its key map from the crosswalks (models/demo/crosswalks); tests use these as the oracle, and the
 *  seed loads the ones whose crosswalk is `loaded: true`. */
export function demoKeyMap(company: Company): KeyMapRow[] {
  return generatedKeyMap(generator, company);
}
