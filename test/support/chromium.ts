/**
 * Headless Chromium for the browser tests: Debian's `chromium` (and `fonts-noto-cjk`, so Chinese renders)
 * installed with apt-get when missing — waiting for the apt lock, no prompt — then started by
 * playwright-core with the flags that keep it off the network (no background networking, component
 * updates, sync or QUIC), a fresh profile, listening nowhere. The tests close it in afterAll.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const PACKAGES = ['chromium', 'fonts-noto-cjk'];
const LOCK_FILE = '/tmp/indicator-hub-apt.lock';

function installed(pkg: string): boolean {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).includes(
      'install ok installed',
    );
  } catch {
    return false;
  }
}

/** Installs what is missing (root only: CI and the developers' machines run as root). */
export function ensureChromium(log: (line: string) => void = () => undefined): void {
  const missing = PACKAGES.filter((p) => !installed(p));
  if (missing.length === 0 && existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0)
    throw new Error(
      `The browser tests need ${missing.join(', ')}: install them (apt-get install ${missing.join(' ')}).`,
    );
  log(`installing ${missing.join(', ')} with apt-get`);
  // Two test files may get here at once: flock serialises them (the second finds little left to do), and
  // a lock held by another apt client is waited for (DPkg::Lock::Timeout) or retried (the lists lock).
  const apt = (...args: string[]) => {
    for (let attempt = 1; ; attempt++) {
      try {
        execFileSync(
          'flock',
          [LOCK_FILE, 'apt-get', '-o', 'DPkg::Lock::Timeout=900', '-o', 'Acquire::Retries=3', ...args],
          {
            stdio: ['ignore', 'ignore', 'inherit'],
            env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
            timeout: 900_000,
          },
        );
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        execFileSync('sleep', [String(10 * attempt)]);
      }
    }
  };
  apt('update');
  apt('install', '-y', '--no-install-recommends', ...missing);
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed ${missing.join(', ')} but ${CHROMIUM} is missing.`);
}

export async function launchChromium(): Promise<Browser> {
  ensureChromium((line) => process.stderr.write(`[chromium] ${line}\n`));
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
}
