import { parse } from 'graphql';
import { redactVariables } from '../../src/audit/record';
import { sensitiveVariables } from '../../src/audit/sensitive-arguments';

describe('variables passed to sensitive arguments are redacted whatever they are called', () => {
  test.each([
    [
      'an argument',
      'mutation($s: String, $u: String) { registerNoticeSubscription(webhookUrl: $u, secret: $s) { id } }',
      { s: 'hunter2-hunter2-hunter2', u: 'http://127.0.0.1:9/x' },
      { s: '[redacted]', u: 'http://127.0.0.1:9/x' },
    ],
    ['an input field', 'mutation($p: String) { login(input: { password: $p }) }', { p: 'pw' }, { p: '[redacted]' }],
    ['a harmless argument', 'query($c: String!) { indicator(code: $c) { code } }', { c: 'revenue' }, { c: 'revenue' }],
  ])('%s', (_what, text, variables, expected) => {
    expect(redactVariables(variables, sensitiveVariables(parse(text)))).toEqual(expected);
  });
});
