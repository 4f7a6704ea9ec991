import { coalesceErrors } from '../../../src/server/coalesce-errors';

const denied = (i: number) => ({
  message: 'Not permitted: Employee.idCardNo',
  path: ['employees', i, 'idCardNo'],
  extensions: { code: 'FORBIDDEN', reason: 'FIELD_DENIED', field: 'Employee.idCardNo' },
});
const down = (i: number, field: string) => ({
  message: `Source "erp" could not answer (error id: ${i})`,
  path: ['departments', i, field],
  extensions: { code: 'SOURCE_UNAVAILABLE', source: 'erp' },
});

test('one error per code, reason, field and list path: the rows in paths, their number in count', () => {
  const errors = [
    ...Array.from({ length: 100 }, (_, i) => denied(i)),
    ...Array.from({ length: 30 }, (_, i) => down(i, 'budget')),
    ...Array.from({ length: 30 }, (_, i) => down(i, 'spend')),
  ];
  const out = coalesceErrors(errors);
  expect(out.map((e) => [e.extensions!.code, e.path!.at(-1), e.extensions!.count])).toEqual([
    ['FORBIDDEN', 'idCardNo', 100],
    ['SOURCE_UNAVAILABLE', 'budget', 30],
    ['SOURCE_UNAVAILABLE', 'spend', 30],
  ]);
  expect(out[0]!.extensions!.paths).toEqual(errors.slice(0, 100).map((e) => e.path));
  expect(out[0]!.message).toBe(errors[0]!.message);
});

test('errors outside lists, and single errors, are left as they are', () => {
  const top = { message: 'x', path: ['me'], extensions: { code: 'FORBIDDEN' } };
  const noPath = { message: 'y', extensions: { code: 'BAD_USER_INPUT' } };
  expect(coalesceErrors([top, { ...top }, noPath, denied(3)])).toEqual([top, { ...top }, noPath, denied(3)]);
});

test('other lists, codes or reasons are kept apart', () => {
  const other = { ...denied(1), path: ['departments', 0, 'employees', 1, 'idCardNo'] };
  const masked = { ...denied(2), extensions: { ...denied(2).extensions, reason: 'FIELD_MASKED' } };
  expect(coalesceErrors([denied(0), other, masked, denied(5)]).map((e) => e.extensions!.count ?? 1)).toEqual([2, 1, 1]);
});
