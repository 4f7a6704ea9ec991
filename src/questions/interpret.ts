import type { Indicator } from '../indicators/dictionary';
import type { CalendarOptions } from '../values/period';
import { organisationDimension } from '../model/member-dimension';
import { fuzzyCandidates, indicatorCandidate, suggestions } from './candidates';
import type { Lexicon, Meaning } from './lexicon';
import { comparedRange, defaultPeriod, resolveRelative, wholeYear, withinYear, type ResolvedPeriod } from './periods';
import type { Phrase } from './phrases';
import { matchSpans, type Segmenter, type Span } from './segment';
import { keyOf, languageOf, normalize, STOP_WORDS, unitsOf } from './text';
import type {
  Candidate,
  ComparisonReading,
  GrainName,
  Interpretation,
  Language,
  MemberReading,
  RankingReading,
  Reading,
  ThresholdReading,
} from './types';

export interface InterpretOptions {
  /** The day relative periods are read against (ISO date). */
  today: string;
  calendar: CalendarOptions;
  language?: Language;
  segmenter?: Segmenter;
}

type Part =
  | { kind: 'lexicon'; span: Span }
  | { kind: 'period'; start: number; end: number; text: string; period: ResolvedPeriod; relative: boolean };

/**
 * Reads a question against a lexicon: which indicators, period, grain, dimensions, members, comparison,
 * ranking and threshold it asks for. Never guesses: a word it cannot place, a name that fits several
 * members, or no indicator at all gives candidates instead of an interpretation to compute.
 */
export function interpret(question: string, lexicon: Lexicon, options: InterpretOptions): Reading {
  const language = options.language ?? languageOf(question);
  const text = normalize(question);
  const parts = partsOf(text, lexicon, options);
  const phrases: Interpretation['phrases'] = [];
  const model = lexicon.model;
  const dict = lexicon.dictionary;

  const indicatorSpans: Array<{ span: Span; codes: string[] }> = [];
  const memberSpans: Array<{ span: Span; meanings: Array<Extract<Meaning, { kind: 'member' }>> }> = [];
  const dimensionMentions: Array<{
    span: Span;
    paths: Array<Extract<Meaning, { kind: 'dimension' }>>;
    marker: 'by' | 'per' | null;
  }> = [];
  const periods: Array<{ text: string; period: ResolvedPeriod; relative: boolean }> = [];
  let comparison: 'year_ago' | 'previous' | 'target' | null = null;
  let comparisonText = '';
  let rank: { direction: 'DESC' | 'ASC'; n: number | null; text: string; explicitN: boolean } | null = null;
  let grain: GrainName | null = null;
  let over: { marker: 'over' | 'under'; text: string; index: number } | null = null;
  let threshold: { base: string; marker: 'over' | 'under'; text: string } | null = null;
  let pendingMarker: { marker: 'by' | 'per'; at: number } | null = null;

  parts.forEach((part, index) => {
    if (part.kind === 'period') {
      periods.push({ text: part.text, period: part.period, relative: part.relative });
      phrases.push({ text: part.text, kind: 'period', meaning: periodText(part.period) });
      return;
    }
    const { span } = part;
    const kinds = new Set(span.meanings.map((m) => m.kind));
    const marker = pendingMarker && pendingMarker.at === index - 1 ? pendingMarker.marker : null;
    if (kinds.has('indicator')) {
      const codes = [...new Set(span.meanings.flatMap((m) => (m.kind === 'indicator' ? [m.code] : [])))];
      if (over && over.index === index - 1) {
        threshold = { base: codes[0]!, marker: over.marker, text: `${over.text} ${span.text}` };
        phrases.push({ text: span.text, kind: 'threshold', meaning: codes[0]! });
        over = null;
        return;
      }
      indicatorSpans.push({ span, codes });
      phrases.push({ text: span.text, kind: 'indicator', meaning: codes.join(' | ') });
      return;
    }
    if (kinds.has('phrase')) {
      const phrase = (span.meanings.find((m) => m.kind === 'phrase') as { phrase: Phrase }).phrase;
      switch (phrase.kind) {
        case 'comparison':
          comparison = phrase.compare;
          comparisonText = span.text;
          break;
        case 'rank':
          rank = { direction: phrase.direction, n: phrase.n, text: span.text, explicitN: phrase.n !== 1 };
          break;
        case 'count':
          if (rank && !rank.explicitN)
            rank = { ...rank, n: phrase.n, explicitN: true, text: `${rank.text} ${span.text}` };
          else if (!rank) rank = { direction: 'DESC', n: phrase.n, text: span.text, explicitN: true };
          break;
        case 'marker':
          if (phrase.marker === 'over' || phrase.marker === 'under')
            over = { marker: phrase.marker, text: span.text, index };
          else pendingMarker = { marker: phrase.marker, at: index };
          return; // markers are shown with what they mark
        case 'grain':
          grain = phrase.grain;
          break;
        case 'period':
          break;
      }
      phrases.push({ text: span.text, kind: phrase.kind, meaning: phraseMeaning(phrase) });
      return;
    }
    if (kinds.has('dimension')) {
      const paths = span.meanings.filter((m): m is Extract<Meaning, { kind: 'dimension' }> => m.kind === 'dimension');
      dimensionMentions.push({ span, paths, marker });
      return;
    }
    if (kinds.has('member')) {
      const meanings = span.meanings.filter((m): m is Extract<Meaning, { kind: 'member' }> => m.kind === 'member');
      memberSpans.push({ span, meanings });
    }
  });

  // Indicators: one per span; a span naming several is a choice for the user.
  const candidates: Candidate[] = [];
  let codes = indicatorSpans.map((s) => s.codes[0]!);
  for (const s of indicatorSpans.filter((s) => s.codes.length > 1)) {
    for (const code of s.codes) candidates.push(indicatorCandidate(dict.get(code)!, language, 1));
  }
  // A threshold "over <B>": the ratio of the dictionary over B that has an alert rule on its value.
  let thresholdReading: ThresholdReading | null = null;
  if (threshold) {
    const t = threshold as { base: string; marker: 'over' | 'under'; text: string };
    const ratio = dict
      .all()
      .find(
        (i) =>
          i.def.type === 'ratio' &&
          i.def.denominator === t.base &&
          i.def.alerts.some((r) => r.compare === 'value' && r.bands.some((b) => b.above !== undefined)),
      );
    if (ratio && ratio.def.type === 'ratio') {
      const rule = ratio.def.alerts.find((r) => r.compare === 'value')!;
      const scale = ratio.def.scale;
      const numerator = ratio.def.numerator;
      thresholdReading = {
        indicator: ratio.def.code,
        above: t.marker === 'over' ? scale : null,
        below: t.marker === 'under' ? scale : null,
        rule: rule.name,
        text: t.text,
      };
      codes = [ratio.def.code, ...codes.filter((c) => c !== numerator && c !== ratio.def.code)];
    } else codes.push(t.base);
  }
  codes = [...new Set(codes)];

  // Which dimensions the indicators can be cut by (all of them).
  const cuts = codes.length
    ? codes
        .map((c) => new Set(dict.get(c)?.def.dimensions ?? []))
        .reduce((a, b) => new Set([...a].filter((d) => b.has(d))))
    : new Set<string>();
  const organisation = organisationDimension(model);
  const preferred = (dimension: string) =>
    (cuts.has(dimension) ? 0 : 100) + (dimension === organisation ? 0 : 1 + [...cuts].indexOf(dimension));

  // Members: those of a dimension the indicators have, the shortest path; several left → candidates.
  const filters: MemberReading[] = [];
  let ambiguousMember = false;
  for (const { span, meanings } of memberSpans) {
    const named = meanings.filter((m) =>
      dimensionMentions.some(
        (d) =>
          (d.span.start === span.end ||
            d.span.end === span.start ||
            Math.abs(d.span.start - span.end) <= 1 ||
            Math.abs(span.start - d.span.end) <= 1) &&
          d.paths.some((p) => p.path === m.path),
      ),
    );
    const fit = (named.length ? named : meanings).filter((m) => cuts.size === 0 || cuts.has(m.dimension));
    const pool = fit.length ? fit : meanings;
    const depth = Math.min(...pool.map((m) => m.depth));
    const shallow = pool.filter((m) => m.depth === depth);
    // Same depth in several dimensions: the organisation unit's dimension first (a region is its region).
    const rank = Math.min(...shallow.map((m) => (m.dimension === organisation ? 0 : 1)));
    const best = shallow.filter((m) => (m.dimension === organisation ? 0 : 1) === rank);
    if (best.length > 1) {
      ambiguousMember = true;
      for (const m of best)
        candidates.push({ kind: 'MEMBER', value: m.member, label: m.name, dimension: m.path, score: 1 });
      continue;
    }
    const m = best[0]!;
    const same = filters.find((f) => f.dimension === m.dimension);
    if (same && same.path === m.path) {
      same.ids = [...new Set([...same.ids, ...m.ids])];
      same.name += `, ${m.name}`;
      same.text += `, ${span.text}`;
    } else filters.push({ dimension: m.dimension, ids: [...m.ids], name: m.name, path: m.path, text: span.text });
    phrases.push({ text: span.text, kind: 'member', meaning: `${m.path}: ${m.name}` });
  }

  // A dimension word next to a member of it qualifies the member (EAST区域, the Rock genre): not a breakdown.
  const qualifiers = dimensionMentions.filter((d) =>
    memberSpans.some((m) =>
      (m.span.end <= d.span.start && /^\s*$/u.test(text.slice(m.span.end, d.span.start))) ||
      (d.span.end <= m.span.start && /^\s*$/u.test(text.slice(d.span.end, m.span.start)))
        ? m.meanings.some((x) => d.paths.some((p) => p.path === x.path))
        : false,
    ),
  );
  // Dimensions: the shortest path the indicators can be cut by.
  const dims = dimensionMentions
    .filter((d) => !qualifiers.includes(d))
    .map((d) => {
      const sorted = [...d.paths].sort(
        (a, b) => preferred(a.dimension) - preferred(b.dimension) || a.depth - b.depth || a.path.localeCompare(b.path),
      );
      phrases.push({ text: d.span.text, kind: 'dimension', meaning: sorted[0]!.path });
      return { path: sorted[0]!.path, marker: d.marker, text: d.span.text };
    });

  // Ranking: the dimension ranked and, with "each"/"每个", the one ranked within.
  let ranking: RankingReading | null = null;
  let by: string[] = [];
  const r = rank as { direction: 'DESC' | 'ASC'; n: number | null; text: string } | null;
  if (r && codes.length) {
    const perDim = dims.length > 1 ? dims.find((d) => d.marker === 'per') : undefined;
    const ranked = dims.find((d) => d !== perDim);
    if (ranked) {
      ranking = {
        indicator: codes[0]!,
        n: r.n ?? 1,
        direction: r.direction,
        dimension: ranked.path,
        per: perDim ? perDim.path : null,
        text: r.text,
      };
      by = [
        ...new Set([
          ...(perDim ? [perDim.path] : []),
          ranked.path,
          ...dims.filter((d) => d !== perDim && d !== ranked).map((d) => d.path),
        ]),
      ];
    } else if (cuts.size) {
      for (const d of [...cuts].sort((a, b) => preferred(a) - preferred(b)))
        candidates.push({ kind: 'DIMENSION', value: d, label: d, dimension: d, score: 0.5 });
    }
  } else by = [...new Set(dims.map((d) => d.path))];
  if (thresholdReading && by.length === 0) {
    const t = thresholdReading as ThresholdReading;
    const dimsOf = dict.get(t.indicator)?.def.dimensions ?? [];
    const d = organisation && dimsOf.includes(organisation) ? organisation : dimsOf[0];
    if (d) by = [d];
  }

  // Comparison: the dictionary's period-over-period indicators of what was asked.
  let comparisonReading: ComparisonReading | null = null;
  if (comparison) {
    const kind = comparison as 'year_ago' | 'previous' | 'target';
    const pop =
      kind === 'target'
        ? []
        : codes.flatMap((c) => {
            const found = dict
              .all()
              .filter((i) => i.def.type === 'period_over_period' && i.def.base === c && i.def.compare === kind)
              .sort((a, b) => growthFirst(a) - growthFirst(b));
            return found[0] ? [found[0].def.code] : [];
          });
    comparisonReading = { kind, indicators: pop, text: comparisonText, from: null, to: null };
    phrases.push({ text: comparisonText, kind: 'comparison', meaning: kind });
    codes = [...new Set([...codes, ...pop])];
  }

  // Period and grain.
  const today = options.today;
  let period = periods[0]?.period ?? defaultPeriod(today, options.calendar);
  if (periods.length > 1) {
    const last = periods[periods.length - 1]!.period;
    period = { from: period.from, to: last.to, grain: 'ALL', range: true };
  }
  const periodic = codes.some((c) => isPeriodic(lexicon, c));
  let chosenGrain: GrainName = grain ?? (period.range ? (periodic ? 'MONTH' : 'ALL') : period.grain);
  if (chosenGrain === 'ALL' && periodic) chosenGrain = 'MONTH';
  const periodReading = {
    from: period.from,
    to: period.to,
    text: periods.map((p) => p.text).join(' – '),
    relative: periods.some((p) => p.relative),
    assumed: periods.length === 0,
  };

  const unrecognized = leftover(text, parts, lexicon);
  if (comparisonReading && comparisonReading.kind !== 'target' && comparisonReading.indicators.length === 0) {
    const compared = comparedRange(period.from, period.to, comparisonReading.kind);
    if (compared) comparisonReading = { ...comparisonReading, ...compared };
  }
  const interpretation: Interpretation = {
    language,
    indicators: codes,
    period: periodReading,
    grain: chosenGrain,
    by,
    filters,
    comparison: comparisonReading,
    ranking,
    threshold: thresholdReading,
    unrecognized,
    phrases,
  };

  if (codes.length === 0) {
    const words = [
      ...unrecognized,
      ...dimensionMentions.map((d) => d.span.text),
      ...memberSpans.map((m) => m.span.text),
    ];
    const close = fuzzyCandidates(words, lexicon, language);
    if (close.some((c) => c.kind === 'INDICATOR' && c.score >= 0.5))
      return { status: 'ambiguous', interpretation, candidates: close, reason: reasonText(language, 'indicator') };
    return {
      status: 'not_understood',
      interpretation: parts.length ? interpretation : null,
      candidates: close.length ? close : suggestions(lexicon, language),
      reason: reasonText(language, 'nothing'),
    };
  }
  if (candidates.length && (ambiguousMember || indicatorSpans.some((s) => s.codes.length > 1) || !ranking))
    return {
      status: 'ambiguous',
      interpretation,
      candidates,
      reason: reasonText(
        language,
        ambiguousMember ? 'member' : candidates[0]!.kind === 'DIMENSION' ? 'dimension' : 'indicator',
      ),
    };
  if (unrecognized.length) {
    const close = fuzzyCandidates(unrecognized, lexicon, language);
    return {
      status: 'ambiguous',
      interpretation,
      candidates: close,
      reason: reasonText(language, 'words', unrecognized),
    };
  }
  return { status: 'understood', interpretation };
}

const growthFirst = (i: Indicator) => (i.def.type === 'period_over_period' && i.def.as === 'growth' ? 0 : 1);

function isPeriodic(lexicon: Lexicon, code: string): boolean {
  const seen = new Set<string>();
  const walk = (c: string): boolean => {
    if (seen.has(c)) return false;
    seen.add(c);
    const def = lexicon.dictionary.get(c)?.def;
    if (!def) return false;
    if (def.type === 'period_over_period' || (def.type === 'cumulative' && def.window !== 'to_date')) return true;
    if (def.type === 'ratio') return walk(def.numerator) || walk(def.denominator);
    if (def.type === 'cumulative') return walk(def.base);
    if (def.type === 'formula')
      return lexicon.dictionary.all().some((i) => def.formula.includes(i.def.code) && walk(i.def.code));
    return false;
  };
  return walk(code);
}

function reasonText(
  language: Language,
  what: 'indicator' | 'member' | 'dimension' | 'nothing' | 'words',
  words: string[] = [],
): string {
  const zh = language === 'zh';
  switch (what) {
    case 'indicator':
      return zh
        ? '不确定指的是哪个指标：请从候选中选择。'
        : 'Not sure which indicator you mean: choose one of the candidates.';
    case 'member':
      return zh
        ? '这个名称对应多个成员：请从候选中选择。'
        : 'That name fits several members: choose one of the candidates.';
    case 'dimension':
      return zh ? '不确定按什么排名：请选择一个维度。' : 'Not sure what to rank: choose a dimension.';
    case 'words':
      return zh
        ? `没有读懂“${words.join('、')}”：请从候选中选择或换个说法。`
        : `Did not understand "${words.join(', ')}": choose a candidate or rephrase.`;
    case 'nothing':
      return zh
        ? '没有读懂这个问题：没有找到指标。可以试试下面的指标。'
        : 'Did not understand the question: no indicator found. Try one of these.';
  }
}

function phraseMeaning(p: Phrase): string {
  switch (p.kind) {
    case 'rank':
      return `${p.direction === 'DESC' ? 'top' : 'bottom'} ${p.n ?? ''}`.trim();
    case 'count':
      return String(p.n);
    case 'grain':
      return p.grain;
    case 'comparison':
      return p.compare;
    default:
      return p.kind;
  }
}

const periodText = (p: ResolvedPeriod) => (p.from === p.to ? p.from : `${p.from}..${p.to}`);

/** Lexicon matches and periods (relative phrases, years, a year's quarter or month), non-overlapping, in order. */
function partsOf(text: string, lexicon: Lexicon, options: InterpretOptions): Part[] {
  const spans = matchSpans(text, lexicon, options.segmenter);
  const years: Array<{ start: number; end: number; year: number; fiscal: boolean }> = [];
  const re = /(?<![\p{L}\p{N}])(fy ?)?((?:19|2\d)\d{2})(?![\p{N}])(?: ?年度?)?/gu;
  for (let m = re.exec(text); m; m = re.exec(text))
    years.push({ start: m.index, end: m.index + m[0].length, year: Number(m[2]), fiscal: Boolean(m[1]) });
  // "2025 03" (2025-03 normalized): a month.
  const months: Part[] = [];
  const mre = /(?<![\p{L}\p{N}])((?:19|2\d)\d{2}) (0[1-9]|1[0-2])(?![\p{N}])/gu;
  for (let m = mre.exec(text); m; m = mre.exec(text)) {
    const label = `${m[1]}-${m[2]}`;
    months.push({
      kind: 'period',
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      relative: false,
      period: { from: label, to: label, grain: 'MONTH', range: false },
    });
  }
  const out: Part[] = [...months];
  const taken = (s: number, e: number) => out.some((p) => startOf(p) < e && s < endOf(p));
  // A year next to a quarter, month or half of the lexicon: that part of that year.
  const used = new Set<Span>();
  for (const y of years) {
    if (taken(y.start, y.end)) continue;
    const near = spans.find((s) => {
      const p = periodPhrase(s);
      if (!p || used.has(s)) return false;
      const gap = s.start >= y.end ? text.slice(y.end, s.start) : text.slice(s.end, y.start);
      return /^[\s的]*$/u.test(gap) && (s.start >= y.end || s.end <= y.start);
    });
    const within = near ? withinYear(periodPhrase(near)!, y.year, y.fiscal, options.calendar) : null;
    const overlapping = spans.find((s) => s.start < y.end && y.start < s.end && !periodPhrase(s));
    if (overlapping && overlapping.end - overlapping.start >= y.end - y.start) continue;
    if (near && within) {
      used.add(near);
      const start = Math.min(y.start, near.start);
      const end = Math.max(y.end, near.end);
      out.push({ kind: 'period', start, end, text: text.slice(start, end), relative: false, period: within });
    } else
      out.push({
        kind: 'period',
        start: y.start,
        end: y.end,
        text: text.slice(y.start, y.end),
        relative: false,
        period: wholeYear(y.year, y.fiscal),
      });
  }
  for (const s of spans) {
    if (used.has(s) || taken(s.start, s.end)) continue;
    const p = periodPhrase(s);
    if (p)
      out.push({
        kind: 'period',
        start: s.start,
        end: s.end,
        text: s.text,
        relative: true,
        period: resolveRelative(p, options.today, options.calendar),
      });
    else out.push({ kind: 'lexicon', span: s });
  }
  return out.sort((a, b) => startOf(a) - startOf(b));
}

const startOf = (p: Part) => (p.kind === 'lexicon' ? p.span.start : p.start);
const endOf = (p: Part) => (p.kind === 'lexicon' ? p.span.end : p.end);

function periodPhrase(s: Span) {
  if (s.meanings.some((m) => m.kind !== 'phrase')) return undefined;
  const m = s.meanings.find((x) => x.kind === 'phrase' && x.phrase.kind === 'period');
  return m && m.kind === 'phrase' && m.phrase.kind === 'period' ? m.phrase.spec : undefined;
}

/** The words of the question no part covers, stop words removed. */
function leftover(text: string, parts: Part[], lexicon: Lexicon): string[] {
  const covered = new Array<boolean>(text.length).fill(false);
  for (const p of parts) for (let i = startOf(p); i < endOf(p); i++) covered[i] = true;
  const units = unitsOf(text).filter((u) => !covered[u.start]);
  const words: string[] = [];
  let i = 0;
  let run: string[] = [];
  const flush = () => {
    if (run.length) words.push(keyOf(run));
    run = [];
  };
  let lastEnd = -1;
  while (i < units.length) {
    // A stop word may be several units long (多少, 怎么样): longest first.
    let n = Math.min(4, units.length - i);
    for (; n > 0; n--) if (STOP_WORDS.has(keyOf(units.slice(i, i + n).map((u) => u.text)))) break;
    if (n > 0) {
      flush();
      i += n;
      continue;
    }
    const u = units[i]!;
    if (lastEnd >= 0 && covered.slice(lastEnd, u.start).some(Boolean)) flush();
    run.push(u.text);
    lastEnd = u.end;
    i++;
  }
  flush();
  void lexicon;
  return words.filter((w) => w.length > 0);
}
