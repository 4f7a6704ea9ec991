import { DefinitionRegistry } from '../../../src/governance/registry';
import { archivedWarnings } from '../../../src/governance/view';
import { diffDefinitions } from '../../../src/governance/diff';
import type { PublishedVersion } from '../../../src/governance/types';
import type { HubContext } from '../../../src/app/context';
import { simple } from '../engine/fixtures';

/** Which definition answers, without a database: in force at an instant, pinned, archived. */
const base = simple('revenue').def;
const version = (
  n: number,
  inForceFrom: string,
  definition = { ...base, definition: `${base.definition} (v${n})` },
): PublishedVersion => ({
  code: 'revenue',
  version: n,
  definition,
  fingerprint: `f${n}`,
  author: 'a',
  approvedBy: 'b',
  reason: 'r',
  publishedAt: inForceFrom,
  inForceFrom,
  changeId: n,
  diff: [],
});
const history = [
  version(1, '1970-01-01T00:00:00.000Z'),
  version(2, '2026-03-01T00:00:00.000Z'),
  version(3, '2026-06-01T00:00:00.000Z'),
];
const head = (status: 'published' | 'archived') => ({
  code: 'revenue',
  domain: 'finance',
  status,
  currentVersion: 3,
  successor: status === 'archived' ? 'revenue_ytd' : null,
  archivedAt: status === 'archived' ? '2026-09-01T00:00:00.000Z' : null,
  revision: 4,
});

describe('definition registry', () => {
  const registry = new DefinitionRegistry([head('published')], history);

  test.each([
    ['2025-12-31T23:59:59.999Z', 'v1'],
    ['2026-03-01T00:00:00.000Z', 'v2'],
    ['2026-05-31T23:59:59.999Z', 'v2'],
    ['2026-12-31T00:00:00.000Z', 'v3'],
  ])('in force at %s: %s', (instant, expected) => {
    expect(registry.inForceAt(instant).get('revenue')!.version).toBe(expected);
  });

  test('the published dictionary holds the current version; a pinned one is found by number', () => {
    expect(registry.published().get('revenue')).toMatchObject({ version: 'v3', versionNumber: 3, status: 'published' });
    expect(registry.version('revenue', 2)!.definition.definition).toMatch(/\(v2\)$/);
    expect(registry.version('revenue', 9)).toBeUndefined();
  });

  test('archived: flagged with its successor from the archiving instant on; a warning or an ARCHIVED error as configured', () => {
    const archived = new DefinitionRegistry([head('archived')], history);
    expect(archived.inForceAt('2026-08-31T00:00:00.000Z').get('revenue')!.status).toBe('published');
    const dict = archived.published();
    expect(dict.get('revenue')).toMatchObject({ status: 'archived', successor: 'revenue_ytd' });
    expect(dict.search('revenue')).toEqual([]);
    expect(dict.search('revenue', { includeArchived: true })).toHaveLength(1);
    const ctx = (mode: 'warn' | 'error') =>
      ({ runtime: { config: { governance: { archived: mode } } } }) as unknown as HubContext;
    expect(archivedWarnings(ctx('warn'), dict, ['revenue'])).toEqual([
      'Indicator revenue is archived (v3 is its last version); use revenue_ytd instead.',
    ]);
    expect(() => archivedWarnings(ctx('error'), dict, ['revenue'])).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'ARCHIVED', successor: 'revenue_ytd' }) }),
    );
  });

  test('a diff names each changed field by path, nested fields too', () => {
    const after = { ...base, unit: 'count' as const, owner: { ...base.owner, person: 'Someone else' } };
    expect(diffDefinitions(base, after)).toEqual([
      { path: 'owner.person', before: JSON.stringify(base.owner.person), after: '"Someone else"' },
      { path: 'unit', before: '"CNY"', after: '"count"' },
    ]);
    expect(diffDefinitions(null, base).map((d) => d.path)).toContain('code');
  });
});
