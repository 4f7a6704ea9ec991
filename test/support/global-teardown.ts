import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { EMBEDDED_TEMPLATE_ENV } from './engines';

export default async function globalTeardown(): Promise<void> {
  const dir = process.env[EMBEDDED_TEMPLATE_ENV];
  if (dir) rmSync(dirname(dir), { recursive: true, force: true });
}
