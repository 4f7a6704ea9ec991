import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CATALOGUE } from '../../../src/error-catalogue';
import { HubCloseCode } from '../../../src/server/ws/close-codes';

/**
 * Every code the WebSocket layer answers is in the error catalogue: the `extensions.code` of its errors,
 * the kinds its admissions refuse with (sent as the error's code), and the names its close reasons start
 * with (a code, or a catalogued `reason` of one).
 */
const WS = join(__dirname, '..', '..', '..', 'src', 'server', 'ws');
const source = readdirSync(WS)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(join(WS, f), 'utf8'))
  .join('\n');
const codes = new Set(Object.keys(ERROR_CATALOGUE));
const reasons = new Set(
  Object.values(ERROR_CATALOGUE).flatMap((e) => Object.keys(('reasons' in e ? e.reasons : undefined) ?? {})),
);
const literals = (pattern: RegExp) => [...source.matchAll(pattern)].map((m) => m[1]!);

test('the source is read (the patterns still match what the WebSocket layer writes)', () => {
  expect(literals(/\bcode: '([A-Z_]+)'/g).length).toBeGreaterThan(0);
  expect(literals(/\bkind: '([A-Z_]+)'/g)).toEqual(expect.arrayContaining(['INTERNAL', 'TOO_MANY_SUBSCRIPTIONS']));
});

test.each([
  ['extensions.code', /\bcode: '([A-Z_]+)'/g],
  ['errorCode', /\berrorCode: '([A-Z_]+)'/g],
  ['admission refusal kind (sent as the code)', /\bkind: '([A-Z_]+)'/g],
])('every %s written in src/server/ws is a catalogued code', (_what, pattern) => {
  const missing = literals(pattern).filter((c) => c !== 'THROTTLED' && !codes.has(c));
  expect(missing).toEqual([]);
});

test('every close reason name is a catalogued code or reason', () => {
  const names = [...Object.keys(HubCloseCode), ...literals(/closeReason\('([A-Z_]+)'/g), 'ACCESS_REVOKED', 'NO_ROLE'];
  expect(names.filter((n) => !codes.has(n) && !reasons.has(n))).toEqual([]);
});
