import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The HS256 secret: configured (HUB_JWT_SECRET) in production; for the embedded demo, created once at
 * random next to the data directory (mode 0600) so `npm run demo:tokens` and the hub agree without a
 * secret ever being committed.
 */
export function demoSecretFile(dataDir: string): string {
  const base = dataDir === ':memory:' ? '.data/embedded' : dataDir;
  return join(dirname(base), 'jwt-secret');
}

export function resolveJwtSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = demoSecretFile(dataDir);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
