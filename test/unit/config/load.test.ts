import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/load';
import type { HubConfig } from '../../../src/config/schema';
import { ConfigError } from '../../../src/errors';
import { thrown } from '../thrown';

const SOURCES = ['crm', 'erp', 'hr', 'procurement'] as const;
const PASSWORD = 's3cret-Pa55';

const dir = mkdtempSync(join(tmpdir(), 'indicator-hub-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a YAML file into the test's temporary directory and returns its path. */
function yamlFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** The value at a dotted path such as "sources.crm.pool.max". */
function at(config: HubConfig, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], config);
}

test('defaults: local host, port 4000, every source embedded, calendar fiscal year', () => {
  const config = loadConfig({});
  expect(config.server).toMatchObject({ host: '127.0.0.1', port: 4000 });
  expect(config.calendar.fiscalYearStartMonth).toBe(1);
  expect(config.demo).toEqual({ seed: true, scale: 1 });
  expect(config.model).toMatchObject({ dir: 'models/demo', version: 1 });
  expect(config.embedded.dataDir).toBe(join('.data', 'demo', 'embedded'));
  for (const source of SOURCES) {
    expect(config.sources[source]).toEqual({
      engine: 'embedded',
      pool: { min: 0, max: 10 },
      acquireTimeoutMs: 5000,
      statementTimeoutMs: 10_000,
      breaker: { errorThresholdPercentage: 50, volumeThreshold: 5, resetTimeoutMs: 10_000 },
      cacheTtlSeconds: 60,
    });
  }
});

describe('environment variables override the defaults', () => {
  test.each<[Record<string, string>, string, unknown]>([
    [{ PORT: '5001' }, 'server.port', 5001],
    [{ HOST: '0.0.0.0' }, 'server.host', '0.0.0.0'],
    [
      { HUB_SOURCE_CRM_ENGINE: 'postgres', HUB_SOURCE_CRM_URL: 'postgres://hub@db/crm' },
      'sources.crm.engine',
      'postgres',
    ],
    [
      { HUB_SOURCE_CRM_ENGINE: 'postgres', HUB_SOURCE_CRM_URL: 'postgres://hub@db/crm' },
      'sources.crm.url',
      'postgres://hub@db/crm',
    ],
    [{ HUB_SOURCE_CRM_SCHEMA: 'sales' }, 'sources.crm.schema', 'sales'],
    [{ HUB_SOURCE_ERP_POOL_MAX: '5' }, 'sources.erp.pool', { min: 0, max: 5 }],
    [{ HUB_DEMO_SCALE: '3' }, 'demo.scale', 3],
    [{ HUB_DEMO_SEED: 'false' }, 'demo.seed', false],
    [{ HUB_FISCAL_YEAR_START_MONTH: '4' }, 'calendar.fiscalYearStartMonth', 4],
    [{ PORT: '' }, 'server.port', 4000], // an empty variable counts as unset
  ])('%j sets %s', (env, path, expected) => {
    expect(at(loadConfig(env), path)).toEqual(expected);
  });

  test("one source's variables leave the other sources alone", () => {
    const config = loadConfig({ HUB_SOURCE_CRM_ENGINE: 'mysql', HUB_SOURCE_CRM_URL: 'mysql://hub@db/crm' });
    expect(SOURCES.map((s) => config.sources[s]!.engine)).toEqual(['mysql', 'embedded', 'embedded', 'embedded']);
  });
});

describe('a YAML file named by HUB_CONFIG', () => {
  const yaml = [
    'server:',
    '  port: 5500',
    'calendar:',
    '  fiscalYearStartMonth: 4',
    'sources:',
    '  erp:',
    '    engine: mysql',
    '    url: mysql://hub@erp-db/erp',
    '    pool: { max: 3 }',
    '',
  ].join('\n');

  test('is read, and unspecified keys keep their defaults', () => {
    const config = loadConfig({ HUB_CONFIG: yamlFile('hub.yaml', yaml) });
    expect(config.server).toMatchObject({ host: '127.0.0.1', port: 5500 });
    expect(config.calendar.fiscalYearStartMonth).toBe(4);
    expect(config.sources.erp).toEqual({
      engine: 'mysql',
      url: 'mysql://hub@erp-db/erp',
      pool: { min: 0, max: 3 },
      acquireTimeoutMs: 5000,
      statementTimeoutMs: 10_000,
      breaker: { errorThresholdPercentage: 50, volumeThreshold: 5, resetTimeoutMs: 10_000 },
      cacheTtlSeconds: 60,
    });
    expect(config.sources.crm!.engine).toBe('embedded');
  });

  test('environment beats file and explicit overrides beat both, merging key by key', () => {
    const config = loadConfig(
      { HUB_CONFIG: yamlFile('hub.yaml', yaml), PORT: '6000', HUB_SOURCE_ERP_SCHEMA: 'finance' },
      { calendar: { fiscalYearStartMonth: 7 } },
    );
    expect(config.server.port).toBe(6000);
    expect(config.calendar.fiscalYearStartMonth).toBe(7);
    expect(config.sources.erp).toMatchObject({ engine: 'mysql', url: 'mysql://hub@erp-db/erp', schema: 'finance' });
  });

  test('an empty file means all defaults', () => {
    expect(loadConfig({ HUB_CONFIG: yamlFile('empty.yaml', '') }).server.port).toBe(4000);
  });
});

describe('invalid configuration is a ConfigError that names the key', () => {
  test.each<[string, () => Record<string, string>, Record<string, unknown>, string[]]>([
    [
      'postgres without a url',
      () => ({ HUB_SOURCE_CRM_ENGINE: 'postgres' }),
      {},
      ['sources.crm.url', 'a url is required'],
    ],
    ['PORT that is not a number', () => ({ PORT: 'abc' }), {}, ['PORT', '"abc"']],
    ['PORT that is blank', () => ({ PORT: '  ' }), {}, ['PORT', 'expected a number']],
    ['PORT out of range', () => ({ PORT: '70000' }), {}, ['server.port']],
    ['HUB_DEMO_SEED that is not a boolean', () => ({ HUB_DEMO_SEED: 'maybe' }), {}, ['HUB_DEMO_SEED', '"maybe"']],
    ['HUB_DEMO_SCALE that is not whole', () => ({ HUB_DEMO_SCALE: '1.5' }), {}, ['demo.scale']],
    [
      'fiscal year starting in month 13',
      () => ({ HUB_FISCAL_YEAR_START_MONTH: '13' }),
      {},
      ['calendar.fiscalYearStartMonth'],
    ],
    ['a schema that is not an identifier', () => ({ HUB_SOURCE_HR_SCHEMA: 'hr-data' }), {}, ['sources.hr.schema']],
    ['an unknown engine', () => ({ HUB_SOURCE_ERP_ENGINE: 'oracle' }), {}, ['sources.erp.engine', 'postgres']],
    ['a postgres store without a url', () => ({ HUB_STORE_ENGINE: 'postgres' }), {}, ['store.url']],
    ['an unknown source', () => ({}), { sources: { billing: { engine: 'embedded' } } }, ['sources', '"billing"']],
    [
      'a missing HUB_CONFIG file',
      () => ({ HUB_CONFIG: join(dir, 'missing.yaml') }),
      {},
      [join(dir, 'missing.yaml'), 'does not exist'],
    ],
    [
      'a file that is not YAML',
      () => ({ HUB_CONFIG: yamlFile('broken.yaml', 'server:\n  port: [4000\n') }),
      {},
      ['broken.yaml', 'not valid YAML'],
    ],
    [
      'a file that is a list',
      () => ({ HUB_CONFIG: yamlFile('list.yaml', '- server:\n    port: 5000\n') }),
      {},
      ['list.yaml', 'received a list'],
    ],
  ])('%s', (_case, env, overrides, named) => {
    const error = thrown(() => loadConfig(env(), overrides));
    expect(error).toBeInstanceOf(ConfigError);
    for (const text of named) expect(error.message).toContain(text);
  });

  test('the message lists each problem on its own line', () => {
    const error = thrown(() => loadConfig({ HUB_SOURCE_CRM_ENGINE: 'postgres', HUB_FISCAL_YEAR_START_MONTH: '0' }));
    expect(error.message).toBe(
      [
        'Invalid configuration:',
        '  - calendar.fiscalYearStartMonth: Too small: expected number to be >=1',
        '  - sources.crm.url: a url is required when engine is "postgres" or "mysql"',
      ].join('\n'),
    );
  });

  test('an environment variable that is not a number says what it received', () => {
    expect(thrown(() => loadConfig({ PORT: 'abc' })).message).toBe(
      'Environment variable PORT: expected a number, received "abc".',
    );
  });
});

describe('a password in a url never reaches the message of an otherwise invalid configuration', () => {
  const url = `postgres://hub:${PASSWORD}@db.internal:5432/crm`;
  test.each<[string, () => Record<string, string>, Record<string, unknown>]>([
    [
      'bad PORT beside a source url',
      () => ({ PORT: '99999', HUB_SOURCE_CRM_ENGINE: 'postgres', HUB_SOURCE_CRM_URL: url }),
      {},
    ],
    ['unknown engine with a url', () => ({ HUB_SOURCE_CRM_ENGINE: 'oracle', HUB_SOURCE_CRM_URL: url }), {}],
    ['the url given where the engine belongs', () => ({}), { sources: { crm: { engine: url } } }],
    ['the url given as the whole source', () => ({}), { sources: { crm: url } }],
    ['the url given as the schema', () => ({}), { sources: { crm: { engine: 'postgres', url, schema: url } } }],
    [
      'the url given as a pool size',
      () => ({}),
      { store: { engine: 'postgres', url }, sources: { crm: { pool: { max: url } } } },
    ],
    [
      'a YAML syntax error on the url line',
      () => ({ HUB_CONFIG: yamlFile('leak.yaml', `sources:\n  crm:\n    engine: postgres\n    url: ${url}: x\n`) }),
      {},
    ],
    ['a YAML file that is only the url', () => ({ HUB_CONFIG: yamlFile('only-url.yaml', `${url}\n`) }), {}],
  ])('%s', (_case, env, overrides) => {
    const error = thrown(() => loadConfig(env(), overrides));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).not.toContain(PASSWORD);
  });
});

test('each model directory gets its own embedded data directory unless one is configured', () => {
  const env = {
    HUB_MODEL_DIR: 'models/chinook',
    CHINOOK_SALES_URL: 'mysql://hub@db/s',
    CHINOOK_CATALOGUE_URL: 'postgres://hub@db/c',
    CHINOOK_HR_URL: 'postgres://hub@db/h',
  };
  const config = loadConfig(env);
  expect(config.embedded.dataDir).toBe(join('.data', 'chinook', 'embedded'));
  expect(loadConfig({ ...env, HUB_DATA_DIR: '/var/lib/hub' }).embedded.dataDir).toBe('/var/lib/hub');
});

test("the path keys of the company are the model directory's (model.yaml), not the configuration's", () => {
  expect(() => loadConfig({}, { indicators: { dir: 'elsewhere' } })).toThrow(/indicators/);
  expect(() => loadConfig({}, { auth: { policyFile: 'p.yaml' } })).toThrow(/policyFile/);
});

test('an unknown key anywhere is refused by name (a typo must not fall back to a default)', () => {
  expect(() => loadConfig({}, { sever: { port: 1 } })).toThrow(/sever/);
  expect(() => loadConfig({}, { server: { prot: 1 } })).toThrow(/server/);
  expect(() => loadConfig({}, { sources: { crm: { engin: 'postgres' } } })).toThrow(/sources\.crm/);
});
