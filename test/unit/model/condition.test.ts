import { conditionText, parseCondition, rowMatches } from '../../../src/values/condition';
import { conditionProblems } from '../../../src/model/condition-check';
import { ENTITIES } from '../../support/demo-model';

describe('row-rule conditions', () => {
  test.each([
    ['id = viewer.unit', 'id = viewer.unit'],
    ["region in ('EAST', 'WEST')", "region in ('EAST', 'WEST')"],
    ['id in subtree(viewer.unit)', 'id in subtree(viewer.unit)'],
    ["  level = 3 and (region = 'EAST' or id = viewer.unit) ", "level = 3 and (region = 'EAST' or id = viewer.unit)"],
    ['none', 'none'],
    ["name = 'O''Brien'", "name = 'O''Brien'"],
  ])('%s reads back as %s', (text, back) => {
    expect(conditionText(parseCondition(text))).toBe(back);
  });

  test.each([
    ['region in (EAST)', /expected a value/],
    ['id = viewer.name', /unknown "viewer.name"/],
    ['id ==', /cannot read|expected a value/],
    ['id = 1 or', /expected a field name at the end/],
    ['region like 1', /expected "=" or "in" after region/],
    ['id = 1; drop table x', /cannot read ";/],
    ['(id = 1', /expected "\)" at the end/],
  ])('%s is refused', (text, message) => {
    expect(() => parseCondition(text)).toThrow(message);
  });

  test.each([
    ['Department', "regoin in ('EAST')", /Department has no field "regoin" \(did you mean "region"\?\)/],
    ['Department', 'head = viewer.unit', /Department\.head does not hold Department ids/],
    ['Employee', 'department = viewer.id', /Employee\.department does not hold Employee ids/],
    [
      'Employee',
      'id in subtree(viewer.unit)',
      /subtree\(\) is a set of Department ids: Employee\.id does not hold them/,
    ],
    ['Customer', 'salesDepartment in subtree(viewer.unit)', null],
    ['Employee', "id = viewer.id or status = 'ACTIVE'", null],
  ])('over %s, %s → %s', (entity, text, problem) => {
    const problems = conditionProblems(text, ENTITIES[entity]!, ENTITIES);
    if (problem) expect(problems.join('\n')).toMatch(problem);
    else expect(problems).toEqual([]);
  });

  test.each([
    ["status = 'ACTIVE'", { status: 'ACTIVE' }, true],
    ["status = 'ACTIVE'", { status: 'LEFT' }, false],
    ["status = 'ACTIVE'", { status: null }, false],
    ["status in ('ACTIVE', 'LEAVE') and level = 3", { status: 'LEAVE', level: 3 }, true],
    ['id = 7', {}, true],
  ])('%s on %j → %s', (text, row, expected) => {
    expect(rowMatches(parseCondition(text), row, '7')).toBe(expected);
  });
});
