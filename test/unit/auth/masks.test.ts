import { applyMask, MASKS } from '../../../src/auth/masks';

/**
 * The masks (src/auth/masks.ts) on the shapes the README promises: 138****5678, 310***********1234,
 * **** **** 1234, a salary band, j***@example.com — and on the edges where a mask could leak the value.
 */
describe('masks', () => {
  test('phone: first 3 and last 4 kept, the middle starred; 7 digits or fewer: no stars to hide behind, all starred', () => {
    expect(MASKS.phone('13812345678')).toBe('138****5678');
    expect(MASKS.phone('1234567')).toBe('1234567'.slice(0, 3) + '4567');
    expect(MASKS.phone('123456')).toBe('******');
    expect(MASKS.phone('')).toBe('');
  });

  test('id card: first 3 and last 4 kept only when longer than 7; otherwise all starred', () => {
    expect(MASKS.id_card('310101199001011234')).toBe('310***********1234');
    expect(MASKS.id_card('12345678')).toBe('123*5678');
    expect(MASKS.id_card('1234567')).toBe('*******');
  });

  test('bank account: the last 4 digits only', () => {
    expect(MASKS.bank_account('6222020200112233445')).toBe('**** **** 3445');
  });

  test('salary band: the 10,000 band of the amount (decimals ignored); not a number → undisclosed', () => {
    expect(MASKS.salary_band('23456.78')).toBe('20000-30000');
    expect(MASKS.salary_band('30000')).toBe('30000-40000');
    expect(MASKS.salary_band('9999.99')).toBe('0-10000');
    expect(MASKS.salary_band('abc')).toBe('undisclosed');
    expect(MASKS.salary_band('Infinity')).toBe('undisclosed');
  });

  test('email: first letter and the domain; no local part or no @ → ***', () => {
    expect(MASKS.email('jane.doe@example.com')).toBe('j***@example.com');
    expect(MASKS.email('@example.com')).toBe('***');
    expect(MASKS.email('nobody')).toBe('***');
  });

  test('applyMask: null and undefined stay as they are (no value to hide); anything else is masked as text', () => {
    expect(applyMask('phone', null)).toBeNull();
    expect(applyMask('phone', undefined)).toBeUndefined();
    expect(applyMask('phone', 13812345678)).toBe('138****5678');
    expect(applyMask('salary_band', 15000)).toBe('10000-20000');
  });
});
