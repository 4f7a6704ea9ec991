import { pairConflicts } from '../../../src/keys/crosswalk-conflicts';
import { parsePairsCsv } from '../../../src/keys/crosswalk-csv';

/** The CSV reader of crosswalk:load and the duplicate finder shared by start, refresh and model:check. */
describe('parsePairsCsv', () => {
  test.each([
    {
      name: 'plain lines, CRLF, a blank line',
      text: 'source_key,hub_id\r\nA,1\r\n\r\nB,2\n',
      pairs: [
        ['A', '1', 2],
        ['B', '2', 4],
      ],
      problems: [],
    },
    {
      name: 'quoted fields with a comma and a quote',
      text: 'source_key,hub_id\n"A,1","x""y"\n',
      pairs: [['A,1', 'x"y', 2]],
      problems: [],
    },
    {
      name: 'a byte order mark before the header',
      text: '\uFEFFsource_key,hub_id\nA,1\n',
      pairs: [['A', '1', 2]],
      problems: [],
    },
    { name: 'a wrong header', text: 'key,hub\nA,1\n', pairs: [], problems: [/^line 1: CROSSWALK_BAD_HEADER: /] },
    {
      name: 'three fields',
      text: 'source_key,hub_id\nA,1,x\n',
      pairs: [],
      problems: [/^line 2: CROSSWALK_BAD_LINE: expected two fields/],
    },
    {
      name: 'an empty hub id',
      text: 'source_key,hub_id\nA,\n',
      pairs: [],
      problems: [/^line 2: CROSSWALK_BAD_LINE: an empty hub_id$/],
    },
    {
      name: 'an unclosed quote',
      text: 'source_key,hub_id\n"A,1\n',
      pairs: [],
      problems: [/^line 2: CROSSWALK_BAD_LINE: /],
    },
  ])('$name', ({ text, pairs, problems }) => {
    const parsed = parsePairsCsv(text);
    expect(parsed.pairs.map((p) => [p.sourceKey, p.hubId, p.line])).toEqual(pairs);
    expect(parsed.problems).toHaveLength(problems.length);
    problems.forEach((re, i) => expect(parsed.problems[i]).toMatch(re));
  });
});

describe('pairConflicts', () => {
  const pairs = (list: Array<[string, string]>) => list.map(([sourceKey, hubId]) => ({ sourceKey, hubId }));
  test.each([
    {
      name: 'one-to-one',
      list: [
        ['a', '1'],
        ['b', '2'],
      ],
      expected: [],
    },
    {
      name: 'the same pair twice',
      list: [
        ['a', '1'],
        ['a', '1'],
      ],
      expected: [],
    },
    {
      name: 'one key, two hub ids',
      list: [
        ['a', '1'],
        ['a', '2'],
      ],
      expected: ['duplicate: source key "a" gives two hub ids, "1" and "2"'],
    },
    {
      name: 'one hub id, two keys',
      list: [
        ['a', '1'],
        ['b', '1'],
        ['c', '1'],
      ],
      expected: ['duplicate: hub id "1" is given by two source keys, "a" and "b"'],
    },
  ] as Array<{ name: string; list: Array<[string, string]>; expected: string[] }>)('$name', ({ list, expected }) => {
    expect(pairConflicts(pairs(list))).toEqual(expected);
  });

  test('a wholly wrong rule is capped', () => {
    const many = Array.from({ length: 30 }, (_, i): Array<[string, string]> => [
      [`k${i}`, `a${i}`],
      [`k${i}`, `b${i}`],
    ]).flat();
    const found = pairConflicts(pairs(many), 5);
    expect(found).toHaveLength(6);
    expect(found[5]).toBe('… and 25 more duplicates');
  });
});
