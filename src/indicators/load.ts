import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../errors';
import { indicatorSchema, type IndicatorDefinition } from './definition';
import { Dictionary, fingerprintOf, type Indicator } from './dictionary';
import { FormulaError, parseFormula, quotedFormula } from './formula';
import type { UnitBook } from './units';
import { validateDictionary, type MeasureCatalog } from './validate';

/**
 * Reads every *.yaml under `dir` (one indicator per file, or a list), validates each against the schema
 * and the whole set against the sources' catalogs; the first problem stops start-up with the file, the
 * indicator code and what is wrong.
 */
export function loadDictionary(dir: string, catalog: MeasureCatalog, units?: UnitBook): Dictionary {
  const indicators = readDefinitionFiles(dir);
  validateDictionary(indicators, catalog, units);
  return new Dictionary(indicators);
}

/**
 * Every definition in the *.yaml files under `dir`, each checked against the schema and every code defined
 * once — but not yet against each other or the catalogs (validateDictionary does that). Each file is named
 * relative to `base` (default: the working directory, as start-up messages want; an import passes its
 * directory, so that the names mean the same wherever the process runs).
 */
export function readDefinitionFiles(dir: string, base = process.cwd()): Indicator[] {
  const indicators: Indicator[] = [];
  for (const file of yamlFiles(dir)) {
    const shown = relative(base, file) || file;
    indicators.push(...parseDefinitions(readFileSync(file, 'utf8'), shown));
  }
  const seen = new Map<string, string>();
  for (const i of indicators) {
    const other = seen.get(i.def.code);
    if (other) throw new ConfigError(`Indicator ${i.def.code} is defined twice: in ${other} and in ${i.file}`);
    seen.set(i.def.code, i.file);
  }
  return indicators;
}

/** The definitions in the text of one file (one indicator, or a list), named `file` in messages. */
export function parseDefinitions(text: string, file: string): Indicator[] {
  let docs: unknown;
  try {
    docs = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`Indicator file ${file}: not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
  return (Array.isArray(docs) ? docs : [docs]).map((doc) => parseOne(file, doc));
}

function parseOne(file: string, doc: unknown): Indicator {
  const codeHint =
    typeof doc === 'object' && doc && 'code' in doc ? ` (${String((doc as { code: unknown }).code)})` : '';
  const parsed = indicatorSchema.safeParse(doc);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(definition)'}: ${i.message}`).join('; ');
    throw new ConfigError(`Indicator file ${file}${codeHint}: ${problems}`);
  }
  const def: IndicatorDefinition = parsed.data;
  let formula;
  if (def.type === 'formula') {
    try {
      formula = parseFormula(def.formula);
    } catch (error) {
      if (error instanceof FormulaError)
        throw new ConfigError(
          `Indicator file ${file} (${def.code}): formula ${quotedFormula(def.formula)}: ${error.message}`,
        );
      throw error;
    }
  }
  return {
    def,
    file,
    version: 'file',
    versionNumber: null,
    fingerprint: fingerprintOf(def),
    status: 'published',
    ...(formula ? { formula } : {}),
  };
}

function yamlFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    throw new ConfigError(
      `Indicator directory "${dir}" does not exist (create it, or name another folder in model.yaml paths.indicators).`,
    );
  }
  return entries
    .flatMap((e) =>
      e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
    )
    .sort();
}
