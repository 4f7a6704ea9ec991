import type { Interpretation, Language } from './types';

/** indicatorValues arguments for an interpretation (enum values as the API spells them). */
export interface ValuesArgs {
  codes: string[];
  from: string;
  to: string;
  grain: Interpretation['grain'];
  by: string[];
  filters: Array<{ dimension: string; ids: string[] }>;
  top: { indicator: string; n: number; direction: 'ASC' | 'DESC'; per: string | null } | null;
}

export function valuesArgsOf(it: Interpretation): ValuesArgs {
  return {
    codes: it.indicators,
    from: it.period.from,
    to: it.period.to,
    grain: it.grain,
    // Top per group ranks within each member of `per`, which indicatorValues takes as one of `by`.
    by: it.ranking?.per && !it.by.includes(it.ranking.per) ? [it.ranking.per, ...it.by] : it.by,
    filters: it.filters.map((f) => ({ dimension: f.dimension, ids: f.ids })),
    top: it.ranking
      ? { indicator: it.ranking.indicator, n: it.ranking.n, direction: it.ranking.direction, per: it.ranking.per }
      : null,
  };
}

/**
 * Why an understood question cannot be computed by the engine on this branch, or null: a ranking within each
 * member of another dimension (top per group), or a period comparison the dictionary has no indicator for.
 */
export function notYetComputable(it: Interpretation, language: Language, engineHasPer: boolean): string | null {
  const zh = language === 'zh';
  if (it.ranking?.per && !engineHasPer)
    return zh
      ? `“每个${it.ranking.per}中排名前${it.ranking.n}”（分组排名）已读懂，但引擎尚不能按组计算排名。`
      : `Understood as the top ${it.ranking.n} ${it.ranking.dimension} within each ${it.ranking.per} (top per group), which the engine cannot compute yet.`;
  if (
    it.comparison &&
    it.comparison.kind !== 'target' &&
    it.comparison.indicators.length === 0 &&
    it.comparison.from === null
  )
    return zh
      ? `字典中没有计算${it.indicators.join('、')}${it.comparison.kind === 'year_ago' ? '同比' : '环比'}的指标。`
      : `The dictionary has no ${it.comparison.kind === 'year_ago' ? 'year-on-year' : 'period-on-period'} indicator of ${it.indicators.join(', ')}.`;
  return null;
}
