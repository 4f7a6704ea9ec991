import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPolicy } from '../../../src/auth/policy';
import { configSchema } from '../../../src/config/schema';
import { ConfigError } from '../../../src/errors';
import { logger } from '../../../src/logger';
import { thrown } from '../thrown';

/**
 * Keys renamed to the model's words (organisation unit, person) are still read for one release, as the new
 * key, with one warning per process (configuration) or per file (policy); both at once are refused.
 */
const dir = mkdtempSync(join(tmpdir(), 'indicator-hub-deprecated-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => jest.restoreAllMocks());

describe('auth.hrStatusCacheSeconds, the earlier name of auth.personStatusCacheSeconds', () => {
  test('the new key is read; the default is 30', () => {
    expect(configSchema.parse({ auth: { personStatusCacheSeconds: 5 } }).auth.personStatusCacheSeconds).toBe(5);
    expect(configSchema.parse({}).auth.personStatusCacheSeconds).toBe(30);
  });

  test('the old key is read as the new one (and no longer appears), with one warning per process', () => {
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const auth = configSchema.parse({ auth: { hrStatusCacheSeconds: 7 } }).auth as Record<string, unknown>;
    expect(auth.personStatusCacheSeconds).toBe(7);
    expect(auth).not.toHaveProperty('hrStatusCacheSeconds');
    configSchema.parse({ auth: { hrStatusCacheSeconds: 8 } });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![1]).toBe(
      'configuration: auth.hrStatusCacheSeconds is deprecated: use auth.personStatusCacheSeconds',
    );
  });

  test('both keys at once are refused, naming the old one', () => {
    const result = configSchema.safeParse({ auth: { hrStatusCacheSeconds: 7, personStatusCacheSeconds: 5 } });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      [
        'auth.hrStatusCacheSeconds',
        'give personStatusCacheSeconds, not also hrStatusCacheSeconds (its deprecated name)',
      ],
    ]);
  });
});

describe('principals.employees and everyEmployee, the earlier names of principals.people and everyPerson', () => {
  const demo = readFileSync(join(__dirname, '..', '..', '..', 'models', 'demo', 'policy.yaml'), 'utf8');
  const write = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  test('the demo policy uses the new keys', () => {
    const { principals } = loadPolicy(write('new.yaml', demo)).policy;
    expect(principals.people['EMP-000267']).toEqual(['finance_manager']);
    expect(principals.everyPerson).toEqual(['employee']);
  });

  test('the old keys give the same principals, with one warning per file and key', () => {
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const old = demo.replace(/^ {2}people:$/m, '  employees:').replace(/^ {2}everyPerson: /m, '  everyEmployee: ');
    expect(old).not.toBe(demo);
    const file = write('old.yaml', old);
    expect(loadPolicy(file).policy.principals).toEqual(loadPolicy(write('same.yaml', demo)).policy.principals);
    loadPolicy(file);
    expect(warn.mock.calls.map((c) => c[1])).toEqual([
      `${file}: principals.employees is deprecated: use principals.people`,
      `${file}: principals.everyEmployee is deprecated: use principals.everyPerson`,
    ]);
  });

  test('a key and its old name at once are refused', () => {
    const both = demo.replace(
      /^ {2}everyPerson: \[employee\]$/m,
      '  everyPerson: [employee]\n  everyEmployee: [employee]',
    );
    const error = thrown(() => loadPolicy(write('both.yaml', both)));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(
      'principals.everyEmployee: give everyPerson, not also everyEmployee (its deprecated name)',
    );
  });
});
