import { Decimal } from '../values/decimal';
import type { Interpretation, Language } from './types';

/** One row of the computed table as the sentence reads it: member names, not ids. */
export interface AnswerRow {
  period: string;
  members: string[];
  cells: Array<{ code: string; value: string | null; reason: string | null }>;
}

export interface SentenceParts {
  /** The indicator's name in the question's language. */
  nameOf(code: string): string;
  /** The unit as written after a value ("%" for percent, else the unit code). */
  unitOf(code: string): string;
  /** Targets of the first indicator per row (period|member names), for a comparison with the target. */
  targets?: Map<string, string>;
  /** The first indicator's value over the compared period (a comparison without a period-over-period indicator). */
  compared?: string | null | undefined;
}

const joinZh = (xs: string[]) => xs.join('、');
const joinEn = (xs: string[]) =>
  xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;

/**
 * A short answer in the question's language, from the interpretation and the computed rows: one value, a
 * ranking, the members over a threshold, or a table summarised by its largest row. It states only what the
 * rows say; a null is said with its reason.
 */
export function answerSentence(
  language: Language,
  it: Interpretation,
  rows: AnswerRow[],
  parts: SentenceParts,
): string {
  const zh = language === 'zh';
  const code = it.ranking?.indicator ?? it.threshold?.indicator ?? it.indicators[0]!;
  const name = parts.nameOf(code);
  const period = it.period.from === it.period.to ? it.period.from : `${it.period.from}–${it.period.to}`;
  const where = it.filters.map((f) => f.name).join(zh ? '、' : ', ');
  const shown = (value: string | null, reason: string | null, c = code) =>
    value === null
      ? zh
        ? `无数值（${reason ?? ''}）`
        : `no value (${reason ?? ''})`
      : `${value}${unit(parts.unitOf(c))}`;
  const cellOf = (row: AnswerRow, c = code) => row.cells.find((x) => x.code === c);
  const label = (row: AnswerRow) => (row.members.length ? row.members.join(' / ') : row.period);

  if (rows.length === 0)
    return zh ? `${period}${where}${name}没有数据。` : `No ${name} data for ${where ? `${where} in ` : ''}${period}.`;

  if (it.threshold) {
    const t = it.threshold;
    const hits = rows.filter((r) => {
      const v = cellOf(r)?.value;
      if (v === null || v === undefined) return false;
      return t.above !== null ? Number(v) > t.above : Number(v) < (t.below ?? 0);
    });
    const limit = `${t.above ?? t.below}${unit(parts.unitOf(code))}`;
    const list = hits.map((r) => `${label(r)}（${shown(cellOf(r)!.value, null)}）`);
    if (zh)
      return hits.length
        ? `${period}${name}${t.above !== null ? '超过' : '低于'}${limit}的有${hits.length}个：${joinZh(list)}。`
        : `${period}没有${name}${t.above !== null ? '超过' : '低于'}${limit}的。`;
    return hits.length
      ? `${hits.length} with ${name} ${t.above !== null ? 'above' : 'below'} ${limit} in ${period}: ${joinEn(hits.map((r) => `${label(r)} (${shown(cellOf(r)!.value, null)})`))}.`
      : `None with ${name} ${t.above !== null ? 'above' : 'below'} ${limit} in ${period}.`;
  }

  if (it.ranking) {
    const r = it.ranking;
    const firstPeriod = rows[0]!.period;
    const ranked = rows.filter((x) => x.period === firstPeriod);
    const list = ranked.map((x) => `${label(x)}（${shown(cellOf(x)?.value ?? null, cellOf(x)?.reason ?? null)}）`);
    const high = r.direction === 'DESC';
    if (zh)
      return `${period}${where}${name}${high ? '最高' : '最低'}的${r.n > 1 ? `前${r.n}名` : ''}是：${joinZh(list)}。`;
    return `${r.n > 1 ? `${high ? 'Top' : 'Bottom'} ${r.n}` : high ? 'Highest' : 'Lowest'} by ${name}${where ? ` for ${where}` : ''} in ${period}: ${joinEn(ranked.map((x) => `${label(x)} (${shown(cellOf(x)?.value ?? null, cellOf(x)?.reason ?? null)})`))}.`;
  }

  if (rows.length === 1) {
    const row = rows[0]!;
    const main = cellOf(row);
    const extras = it.indicators
      .filter((c) => c !== code)
      .map((c) => {
        const cell = cellOf(row, c);
        return `${parts.nameOf(c)} ${shown(cell?.value ?? null, cell?.reason ?? null, c)}`;
      });
    const target = parts.targets?.get(`${row.period}|`);
    const vsTarget = target
      ? zh
        ? `，目标${target}${unit(parts.unitOf(code))}`
        : `, target ${target}${unit(parts.unitOf(code))}`
      : '';
    const change = changeText(language, it, main?.value ?? null, parts.compared, parts.unitOf(code));
    if (zh)
      return `${period}${where}${name}为${shown(main?.value ?? null, main?.reason ?? null)}${extras.length ? `，${extras.join('，')}` : ''}${vsTarget}${change}。`;
    return `${name}${where ? ` for ${where}` : ''} in ${period} was ${shown(main?.value ?? null, main?.reason ?? null)}${extras.length ? `; ${extras.join('; ')}` : ''}${vsTarget}${change}.`;
  }

  // A table: its size and its largest row.
  const withValues = rows.filter((r) => cellOf(r)?.value !== null && cellOf(r)?.value !== undefined);
  const top = [...withValues].sort((a, b) => Number(cellOf(b)!.value) - Number(cellOf(a)!.value))[0];
  if (zh)
    return `${period}${where}${name}共${rows.length}行${top ? `，最高的是${label(top)}${top.members.length && it.grain !== 'ALL' ? `（${top.period}）` : ''}：${shown(cellOf(top)!.value, null)}` : ''}。`;
  return `${name}${where ? ` for ${where}` : ''} in ${period}: ${rows.length} rows${top ? `; highest ${label(top)}${top.members.length && it.grain !== 'ALL' ? ` (${top.period})` : ''}: ${shown(cellOf(top)!.value, null)}` : ''}.`;
}

const unit = (u: string) => (u === '%' ? '%' : u ? ` ${u}` : '');

/** "，同比+3.2%（对比期 1,234.00）" / ", +3.2% year on year (was 1,234.00)": growth in exact decimals, shown to 0.1. */
function changeText(
  language: Language,
  it: Interpretation,
  value: string | null,
  compared: string | null | undefined,
  unitText: string,
): string {
  if (compared === undefined || !it.comparison || it.comparison.kind === 'target') return '';
  const zh = language === 'zh';
  const word =
    it.comparison.kind === 'year_ago' ? (zh ? '同比' : 'year on year') : zh ? '环比' : 'on the previous period';
  const was = `${compared ?? (zh ? '无数值' : 'no value')}${compared === null ? '' : unit(unitText)}`;
  const base = compared === null ? null : Decimal.of(compared);
  const growth =
    value !== null && base && !base.isZero()
      ? Decimal.of(value)
          .sub(base)
          .mul(Decimal.of(100))
          .div(base.compare(Decimal.ZERO) < 0 ? base.negate() : base)
      : null;
  const pct = growth ? `${growth.compare(Decimal.ZERO) >= 0 ? '+' : ''}${growth.toFixed(1)}%` : null;
  if (zh) return pct ? `，${word}${pct}（对比期${was}）` : `，对比期${was}`;
  return pct ? `, ${pct} ${word} (was ${was})` : `; compared period: ${was}`;
}
