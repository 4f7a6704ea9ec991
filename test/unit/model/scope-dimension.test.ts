import { parse as parseYaml } from 'yaml';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mappingsOf } from '../../../src/governance/lineage';
import { scopeDimensionOf } from '../../../src/sources/sql/scope-dimension';
import { DEMO_MODEL } from '../../support/demo-model';

/**
 * The dimension that carries a fact's row scope comes from the model (its `scopeDimension:`, else its
 * dimension of the organisation unit), not from a dimension's name: the demo's answer is read from its
 * files here (Department.yaml declares `organisation:`), independently of the loader.
 */
const DIR = 'models/demo';
const organisation = readdirSync(join(DIR, 'entities'))
  .map((f) => parseYaml(readFileSync(join(DIR, 'entities', f), 'utf8')) as { name: string; organisation?: unknown })
  .find((e) => e.organisation !== undefined)!.name;

test.each([
  ['its own scopeDimension first', { scopeDimension: 'b', dimensions: { a: { column: 'a', entity: 'Org' }, b: { column: 'b' } } }, 'Org', 'b'],
  ['else its dimension of the organisation unit, whatever its name', { dimensions: { unit: { column: 'u', entity: 'Org' }, c: { column: 'c', entity: 'C' } } }, 'Org', 'unit'],
  ['none without one', { dimensions: { c: { column: 'c', entity: 'C' } } }, 'Org', undefined],
  ['none in a model without an organisation unit', { dimensions: { unit: { column: 'u', entity: 'Org' } } }, undefined, undefined],
])('%s', (_name, fact, org, expected) => {
  expect(scopeDimensionOf(fact, org)).toBe(expected);
});

test('the demo: every fact with a dimension of its organisation unit is scoped by it, as the files declare', () => {
  const files = readdirSync(join(DIR, 'sources')).map((f) => parseYaml(readFileSync(join(DIR, 'sources', f), 'utf8')) as {
    name: string;
    facts?: Record<string, { scopeDimension?: string; dimensions?: Record<string, { entity?: string }> }>;
  });
  const mappings = mappingsOf(DEMO_MODEL);
  let scoped = 0;
  for (const source of files) {
    for (const [fact, f] of Object.entries(source.facts ?? {})) {
      const expected = f.scopeDimension ?? Object.entries(f.dimensions ?? {}).find(([, d]) => d.entity === organisation)?.[0];
      if (expected) scoped++;
      expect({ fact: `${source.name}.${fact}`, scope: mappings[source.name]!.facts[fact]!.scopeDimension }).toEqual({ fact: `${source.name}.${fact}`, scope: expected });
    }
  }
  expect(scoped).toBeGreaterThan(0);
});
