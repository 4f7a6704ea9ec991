import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { withErrorTable } from '../schema/error-table';

/**
 * `npm run errors:doc` writes the error catalogue (src/error-catalogue.ts) as the table in README
 * "Errors as a contract"; `npm run errors:check` (part of `npm run check`) exits 1 when that table is stale.
 */
function main(): number {
  const { values } = parseArgs({
    options: { file: { type: 'string', default: 'README.md' }, check: { type: 'boolean', default: false } },
    strict: true,
  });
  const current = readFileSync(values.file, 'utf8');
  const fresh = withErrorTable(current);
  if (values.check) {
    if (fresh === current) return 0;
    process.stderr.write(`The error table in ${values.file} is stale: run \`npm run errors:doc\` and commit it.\n`);
    return 1;
  }
  writeFileSync(values.file, fresh);
  process.stdout.write(`wrote the error table into ${values.file}\n`);
  return 0;
}

process.exitCode = main();
