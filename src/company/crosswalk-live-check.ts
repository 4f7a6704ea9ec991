import { dialectOf } from '../db/dialects';
import type { LiveCatalog } from '../db/live-catalog';
import type { CompanyModel } from '../model/entities';
import { expressionColumns } from '../values/expression';
import { didYouMean } from '../values/suggest';

/**
 * The crosswalk rules that read one source, against its live catalog: an expression's columns exist in the
 * entity's table there; a crosswalk table and its two columns exist. `<file>: <path>: <problem>` per line.
 */
export function crosswalkLiveProblems(
  model: Pick<CompanyModel, 'sources' | 'crosswalks'>,
  source: string,
  catalog: LiveCatalog,
): string[] {
  const problems: string[] = [];
  const ci = dialectOf(catalog.engine).columnsCaseInsensitive;
  const tables = new Map(catalog.tables.map((t) => [t.name, t]));
  const column = (file: string, path: string, table: string, name: string) => {
    const t = tables.get(table);
    if (!t) {
      problems.push(
        `${file}: ${path}: table "${table}" does not exist in ${catalog.engine} "${catalog.schema}"${didYouMean(table, tables.keys())}`,
      );
      return;
    }
    const found = t.columns.some((c) => (ci ? c.name.toLowerCase() === name.toLowerCase() : c.name === name));
    if (!found)
      problems.push(
        `${file}: ${path}: column "${name}" does not exist in table "${table}"${didYouMean(
          name,
          t.columns.map((c) => c.name),
        )}`,
      );
  };
  for (const crosswalk of Object.values(model.crosswalks ?? {})) {
    for (const [name, rule] of Object.entries(crosswalk.rules)) {
      const path = `sources.${name}`;
      if (rule.kind === 'expression' && name === source) {
        const mapping = model.sources[name]!.mapping.entities[crosswalk.entity]!;
        for (const col of expressionColumns(rule.sql))
          column(crosswalk.file, `${path}.expression`, mapping.table, col.includes('.') ? col.split('.')[1]! : col);
      }
      if (rule.kind === 'table' && rule.in === source) {
        if (!tables.has(rule.table)) {
          problems.push(
            `${crosswalk.file}: ${path}.table: table "${rule.table}" does not exist in ${catalog.engine} "${catalog.schema}"${didYouMean(rule.table, tables.keys())}`,
          );
          continue;
        }
        column(crosswalk.file, `${path}.sourceKey`, rule.table, rule.sourceKey);
        column(crosswalk.file, `${path}.hubId`, rule.table, rule.hubId);
      }
    }
  }
  return problems;
}
