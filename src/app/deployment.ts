import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_SERVICE_KEY_SHA256, DEMO_USERS_FILE } from '../auth/demo-credentials';
import type { PolicyBook } from '../auth/policy';
import type { HubConfig } from '../config/schema';
import { ConfigError } from '../errors';

/**
 * Demo mode: `demo.enabled` (HUB_DEMO) when set; otherwise on exactly when the store and every source run
 * on the embedded engine (`npm start` out of the box). Anything else is a deployment.
 */
export function isDemoMode(config: HubConfig): boolean {
  if (config.demo.enabled !== undefined) return config.demo.enabled;
  return config.store.engine === 'embedded' && Object.values(config.sources).every((s) => s.engine === 'embedded');
}

/**
 * What a deployment (not demo mode) refuses at start: no configured JWT secret or JWKS (a secret each
 * process invents for itself makes replicas disagree on every token), the demo API key in the policy, and
 * a model directory with demo principals. Each problem names the key or file to change.
 */
export function deploymentProblems(config: HubConfig, policy: PolicyBook): string[] {
  if (isDemoMode(config)) return [];
  const problems: string[] = [];
  const jwt = config.auth.jwt;
  if (jwt.algorithm === 'HS256' && !jwt.secret)
    problems.push(
      'auth.jwt.secret: not set. Outside the embedded demo every replica must verify tokens with the same configured ' +
        'secret: set HUB_JWT_SECRET (at least 32 characters), or auth.jwt.algorithm RS256 with auth.jwt.jwksFile.',
    );
  const demoKey = policy.policy.apiKeys.find((k) => k.sha256.toLowerCase() === DEMO_SERVICE_KEY_SHA256);
  if (demoKey)
    problems.push(
      `${join(config.model.dir, 'policy.yaml')}: apiKeys.${demoKey.id} is the demo service key, published in the ` +
        'README: replace its sha256 with that of a key you generate, or turn demo mode on (demo.enabled: true / HUB_DEMO=true).',
    );
  if (existsSync(join(config.model.dir, DEMO_USERS_FILE)))
    problems.push(
      `${join(config.model.dir, DEMO_USERS_FILE)}: the model declares demo principals: run it as a demo ` +
        '(demo.enabled: true / HUB_DEMO=true) or use a model directory without this file.',
    );
  return problems;
}

/** Throws a ConfigError listing every problem (start-up refuses, nothing opened yet). */
export function refuseUnsafeDeployment(config: HubConfig, policy: PolicyBook): void {
  const problems = deploymentProblems(config, policy);
  if (problems.length)
    throw new ConfigError(`Refusing to start outside demo mode:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}
