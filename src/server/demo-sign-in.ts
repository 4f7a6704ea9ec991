import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { parse as parseYaml } from 'yaml';
import type { HubRuntime } from '../app/runtime';
import { isDemoMode } from '../app/deployment';
import { DEMO_USERS_FILE } from '../auth/demo-credentials';
import { resolveJwtSecret } from '../auth/jwt-secret';

/** Demo sign-in, shared by GraphiQL's user picker and the indicator center's sign-in list. */
export interface DemoSignIn {
  label: string;
  employee: string;
  token: string;
}

/**
 * The demo users (the model's demo-users.yaml), each with a fresh token signed as `npm run demo:tokens`
 * signs them — or undefined when this hub is not in demo mode (src/app/deployment.ts), has no such file,
 * or verifies RS256 tokens it cannot sign. Outside demo mode nothing is signed, whatever the files say.
 */
export async function demoSignIns(runtime: HubRuntime, ttl = '8h'): Promise<DemoSignIn[] | undefined> {
  const { config } = runtime;
  const file = join(config.model.dir, DEMO_USERS_FILE);
  if (!isDemoMode(config) || config.auth.jwt.algorithm !== 'HS256' || !existsSync(file)) return undefined;
  const parsed = parseYaml(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(parsed)) return undefined;
  const users = parsed.filter(
    (u): u is { label: string; employee: string } =>
      typeof u === 'object' && u !== null && typeof u.label === 'string' && typeof u.employee === 'string',
  );
  const secret = new TextEncoder().encode(resolveJwtSecret(config.auth.jwt.secret, config.embedded.dataDir));
  return Promise.all(
    users.map(async (u) => ({
      ...u,
      token: await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(u.employee)
        .setIssuer(config.auth.jwt.issuer)
        .setAudience(config.auth.jwt.audience)
        .setIssuedAt()
        .setExpirationTime(ttl)
        .sign(secret),
    })),
  );
}
