import { deploymentProblems, isDemoMode } from '../../src/app/deployment';
import { loadPolicy } from '../../src/auth/policy';
import { loadConfig } from '../../src/config/load';

/** src/app/deployment.ts: what demo mode is, and what a deployment refuses. */
const pg = { engine: 'postgres', url: 'postgres://hub:x@127.0.0.1:1/hub' };

test('the embedded default is demo mode; a PostgreSQL store is a deployment unless HUB_DEMO says otherwise', () => {
  expect(isDemoMode(loadConfig({}, {}))).toBe(true);
  expect(isDemoMode(loadConfig({}, { store: pg }))).toBe(false);
  expect(isDemoMode(loadConfig({ HUB_DEMO: 'true' }, { store: pg }))).toBe(true);
  expect(isDemoMode(loadConfig({ HUB_DEMO: 'false' }, {}))).toBe(false);
});

test('a deployment of the demo model lists every problem; demo mode or RS256 + a clean model lists none', () => {
  const config = loadConfig({}, { store: pg });
  const policy = loadPolicy(`${config.model.dir}/policy.yaml`);
  const problems = deploymentProblems(config, policy);
  expect(problems).toHaveLength(3);
  expect(problems[0]).toMatch(/^auth\.jwt\.secret: not set/);
  expect(problems[1]).toMatch(/apiKeys\.bi-dashboard is the demo service key/);
  expect(problems[2]).toMatch(/demo-users\.yaml: the model declares demo principals/);
  const withSecret = loadConfig({ HUB_JWT_SECRET: 'x'.repeat(40) }, { store: pg });
  expect(deploymentProblems(withSecret, policy)).toHaveLength(2);
  expect(deploymentProblems(loadConfig({ HUB_DEMO: 'true' }, { store: pg }), policy)).toEqual([]);
});
