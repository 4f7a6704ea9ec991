import { KeyMap } from '../../../src/keys/keymap';
import type { EntityName } from '../../../src/model/entities';
import type { KeyMapRow } from '../../../src/store/hub-store';
import { thrown } from '../thrown';

const row = (entity: EntityName, source: string, hubId: string, sourceKey: string): KeyMapRow => ({
  entity,
  source,
  hubId,
  sourceKey,
});

const ROWS: KeyMapRow[] = [
  row('Department', 'erp', 'D0001', 'CC-1001'),
  row('Department', 'hr', 'D0001', 'ORG-1'),
  row('Department', 'erp', 'D0002', 'CC-1002'),
  row('Customer', 'crm', 'CUS-0000001', 'A0000001'),
  row('Customer', 'erp', 'CUS-0000001', 'C100001'),
  row('Product', 'erp', 'PRD-0001', 'X-1'),
  row('Supplier', 'erp', 'SUP-000001', 'X-1'), // the same key text may stand for different entities
];

describe('KeyMap looks keys up both ways, per entity and source', () => {
  const keyMap = new KeyMap(ROWS);

  test('holds one entry per row', () => {
    expect(keyMap.size).toBe(ROWS.length);
  });

  test.each<[EntityName, string, string, string | undefined]>([
    ['Department', 'erp', 'D0001', 'CC-1001'],
    ['Department', 'hr', 'D0001', 'ORG-1'],
    ['Department', 'erp', 'D0002', 'CC-1002'],
    ['Customer', 'erp', 'CUS-0000001', 'C100001'],
    ['Department', 'crm', 'D0001', undefined], // no key in that source
    ['Customer', 'erp', 'D0001', undefined], // a Department id is not a Customer id
  ])('toSource(%s, %s, %s) = %p', (entity, source, hubId, expected) => {
    expect(keyMap.toSource(entity, source, hubId)).toBe(expected);
  });

  test.each<[EntityName, string, string, string | undefined]>([
    ['Department', 'erp', 'CC-1001', 'D0001'],
    ['Department', 'hr', 'ORG-1', 'D0001'],
    ['Customer', 'crm', 'A0000001', 'CUS-0000001'],
    ['Product', 'erp', 'X-1', 'PRD-0001'],
    ['Supplier', 'erp', 'X-1', 'SUP-000001'],
    ['Department', 'hr', 'CC-1001', undefined], // an ERP key means nothing in HR
    ['Customer', 'erp', 'C999999', undefined],
  ])('toHub(%s, %s, %s) = %p', (entity, source, sourceKey, expected) => {
    expect(keyMap.toHub(entity, source, sourceKey)).toBe(expected);
  });
});

describe('KeyMap refuses a row that would make a mapping ambiguous, naming entity, ids and source', () => {
  test.each<[string, KeyMapRow]>([
    ['a second key for the same hub id in one source', row('Department', 'erp', 'D0001', 'CC-9999')],
    ['a second hub id for the same source key', row('Department', 'erp', 'D0003', 'CC-1001')],
    ['the same row twice', row('Customer', 'crm', 'CUS-0000001', 'A0000001')],
  ])('%s', (_case, conflicting) => {
    const error = thrown(() => new KeyMap([...ROWS, conflicting]));
    for (const part of [conflicting.entity, conflicting.hubId, conflicting.sourceKey, conflicting.source]) {
      expect(error.message).toContain(part);
    }
  });

  test('the message says what was expected', () => {
    expect(thrown(() => new KeyMap([...ROWS, row('Department', 'erp', 'D0003', 'CC-1001')])).message).toBe(
      'Key map: Department D0003 ↔ erp CC-1001 conflicts with the earlier row Department D0001 ↔ erp CC-1001 (each hub id needs at most one key per source, and the reverse)',
    );
  });
});
