import type { Indicator } from '../indicators/dictionary';
import type { Lexicon } from './lexicon';
import { hasCjk, normalize } from './text';
import type { Candidate, Language } from './types';

/** An indicator as a candidate, labelled in the question's language. */
export function indicatorCandidate(i: Indicator, language: Language, score: number): Candidate {
  return {
    kind: 'INDICATOR',
    value: i.def.code,
    label: language === 'zh' ? i.def.name.zh : i.def.name.en,
    dimension: null,
    score: Math.round(score * 100) / 100,
  };
}

/**
 * Indicators and members whose names come closest to the words left unread: for Chinese the longest run of
 * characters shared with a name (at least two), for English the share of a name's words found (a typo of
 * one or two letters counts). Ranked by score, then the shorter name.
 */
export function fuzzyCandidates(words: readonly string[], lexicon: Lexicon, language: Language): Candidate[] {
  const scored: Array<Candidate & { length: number }> = [];
  const seen = new Set<string>();
  for (const [key, meanings] of lexicon.entries) {
    for (const m of meanings) {
      if (m.kind !== 'indicator' && m.kind !== 'member') continue;
      const score = Math.max(0, ...words.map((w) => similarity(w, key)));
      if (score < 0.3) continue;
      const id = m.kind === 'indicator' ? `i:${m.code}` : `m:${m.path}:${m.member}`;
      if (seen.has(id)) {
        const prev = scored.find(
          (s) =>
            `${s.kind === 'INDICATOR' ? 'i' : 'm'}:${s.kind === 'INDICATOR' ? s.value : `${s.dimension}:${s.value}`}` ===
            id,
        );
        if (prev && prev.score < score) {
          prev.score = Math.round(score * 100) / 100;
          prev.length = key.length;
        }
        continue;
      }
      seen.add(id);
      if (m.kind === 'indicator') {
        const i = lexicon.dictionary.get(m.code);
        if (i) scored.push({ ...indicatorCandidate(i, language, score), length: key.length });
      } else if (words.some((w) => w.length >= 3 || hasCjk(w)))
        scored.push({
          kind: 'MEMBER',
          value: m.member,
          label: m.name,
          dimension: m.path,
          score: Math.round(score * 100) / 100,
          length: key.length,
        });
    }
  }
  return scored
    .sort(
      (a, b) =>
        b.score - a.score ||
        (a.kind === b.kind ? 0 : a.kind === 'INDICATOR' ? -1 : 1) ||
        a.length - b.length ||
        a.value.localeCompare(b.value),
    )
    .slice(0, 8)
    .map(({ length: _l, ...c }) => c);
}

/** When nothing fits: the dictionary's key indicators (tag kpi), then the rest, as suggestions. */
export function suggestions(lexicon: Lexicon, language: Language): Candidate[] {
  const all = lexicon.dictionary.all().filter((i) => i.status !== 'archived');
  const kpi = all.filter((i) => i.def.tags.includes('kpi'));
  return [...kpi, ...all.filter((i) => !kpi.includes(i))].slice(0, 5).map((i) => indicatorCandidate(i, language, 0));
}

function similarity(word: string, key: string): number {
  const w = normalize(word);
  if (!w || !key) return 0;
  if (hasCjk(w) || hasCjk(key)) {
    const common = longestCommon(w.replace(/\s/g, ''), key.replace(/\s/g, ''));
    if (common < 2) return 0;
    return (common / Math.max(key.replace(/\s/g, '').length, 2)) * 0.6 + (common / w.replace(/\s/g, '').length) * 0.4;
  }
  const keyWords = key.split(' ');
  const ws = w.split(' ');
  const found = keyWords.filter((k) => ws.some((x) => close(x, k))).length;
  return found / keyWords.length;
}

const close = (a: string, b: string) =>
  a === b || (a.length >= 4 && b.length >= 4 && levenshtein(a, b) <= (Math.min(a.length, b.length) >= 7 ? 2 : 1));

function longestCommon(a: string, b: string): number {
  let best = 0;
  const prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = a[i - 1] === b[j - 1] ? diag + 1 : 0;
      best = Math.max(best, prev[j]!);
      diag = tmp;
    }
  }
  return best;
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}
