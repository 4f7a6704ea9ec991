import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError } from '../errors';
import { DEFAULT_MODEL_DIR } from '../model/load';
import { PUBLISHED_SCHEMA_FILE, printedSchema, schemaFreshness } from '../schema/print';

/**
 * `npm run schema:print [-- --model <dir>] [--policy <file>] [--out <file>]` writes the SDL the hub serves
 * for a model directory (default: the demo, into schema.graphql, the committed file codegen reads).
 * `npm run schema:check` (part of `npm run check`) exits 1 when the committed file is stale.
 */
function main(): number {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: DEFAULT_MODEL_DIR },
      policy: { type: 'string' },
      out: { type: 'string', default: PUBLISHED_SCHEMA_FILE },
      check: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const sdl = printedSchema(values.model, values.policy);
  if (values.check) {
    const result = schemaFreshness(values.out, sdl);
    if (result.fresh) return 0;
    process.stderr.write(
      `${result.stale}.\nThe published schema is stale: run \`npm run schema:print\` (then \`npm run codegen\`) and commit both.\n`,
    );
    return 1;
  }
  writeFileSync(values.out, sdl);
  process.stdout.write(`wrote ${values.out} (${sdl.split('\n').length} lines) from ${values.model}\n`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
