import { checkPersonalData } from '../auth/personal-data';
import type { PolicyBook } from '../auth/policy';
import { ConfigError } from '../errors';
import type { Dictionary } from '../indicators/dictionary';
import type { UnitBook } from '../indicators/units';
import { validateDictionary, type MeasureCatalog } from '../indicators/validate';

/**
 * Everything a dictionary must satisfy before it is served — at start-up for what the store holds, and for
 * every proposed change against the dictionary it would join: the cross-checks of src/indicators/validate.ts,
 * a known owner domain, and the policy's personal-data facts against the source catalogs (which values
 * are personal follows from lineage at query time: src/auth/personal-data.ts).
 */
export function checkDictionary(
  dictionary: Dictionary,
  catalog: MeasureCatalog,
  policy: PolicyBook,
  units?: UnitBook,
): void {
  validateDictionary(dictionary.all(), catalog, units);
  const domains = policy.domains;
  for (const i of dictionary.all()) {
    if (domains.length > 0 && !domains.includes(i.def.domain)) {
      throw new ConfigError(
        `Indicator file ${i.file} (${i.def.code}): unknown domain "${i.def.domain}" (policy governance.domains: ${domains.join(', ')})`,
      );
    }
  }
  checkPersonalData(policy, catalog);
}
