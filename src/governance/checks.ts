import type { PolicyBook } from '../auth/policy';
import { ConfigError } from '../errors';
import type { Dictionary } from '../indicators/dictionary';
import { inputsClosure } from '../indicators/graph';
import type { UnitBook } from '../indicators/units';
import { validateDictionary, type MeasureCatalog } from '../indicators/validate';

/**
 * Everything a dictionary must satisfy before it is served — at start-up for what the store holds, and for
 * every proposed change against the dictionary it would join: the cross-checks of src/indicators/validate.ts,
 * a known owner domain, and the personal-data rule below.
 */
export function checkDictionary(dictionary: Dictionary, catalog: MeasureCatalog, policy: PolicyBook, units?: UnitBook): void {
  validateDictionary(dictionary.all(), catalog, units);
  const domains = policy.domains;
  for (const i of dictionary.all()) {
    if (domains.length > 0 && !domains.includes(i.def.domain)) {
      throw new ConfigError(`Indicator file ${i.file} (${i.def.code}): unknown domain "${i.def.domain}" (policy governance.domains: ${domains.join(', ')})`);
    }
  }
  checkPersonalIndicators(dictionary, policy);
}

/**
 * An indicator computed from personal data is personal data too: the policy must list it (with the roles
 * that may see it), or a formula over payroll_cost would escape the permission and suppression checks.
 */
function checkPersonalIndicators(dictionary: Dictionary, policy: PolicyBook): void {
  for (const indicator of dictionary.all()) {
    const code = indicator.def.code;
    if (policy.isPersonal(code)) continue;
    const personalInput = inputsClosure(dictionary, code).find((c) => policy.isPersonal(c));
    if (personalInput) {
      throw new ConfigError(
        `Indicator ${code} is computed from personal data (${personalInput}) but the policy's personalIndicators does not list it: add it with the roles that may see it.`,
      );
    }
  }
}
