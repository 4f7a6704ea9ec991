import type { Language } from './types';

/** Longest question accepted (characters): a question, not a document. */
export const MAX_QUESTION_CHARS = 500;

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;

/**
 * The one form questions and the model's names are compared in: NFKC (full-width → half-width), lower case,
 * every run of characters other than letters, digits, `_`, `%` and `.` between digits turned into one space.
 */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/(\d)\.(\d)/gu, '$1\uE000$2')
    .replace(/[^\p{L}\p{N}_%\uE000]+/gu, ' ')
    .replace(/\uE000/gu, '.')
    .trim();
}

export const hasCjk = (text: string): boolean => CJK.test(text);

export const languageOf = (text: string): Language => (hasCjk(text) ? 'zh' : 'en');

/** A unit of comparison: one CJK character, or one run of Latin letters and digits. */
export interface Unit {
  text: string;
  start: number;
  end: number;
}

/** Units of a normalized text, with their character offsets. */
export function unitsOf(text: string): Unit[] {
  const out: Unit[] = [];
  const re = /[\u3400-\u9fff\uf900-\ufaff]|[^\s\u3400-\u9fff\uf900-\ufaff]+/gu;
  for (let m = re.exec(text); m; m = re.exec(text))
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** The key of a run of units: CJK characters joined directly, Latin runs separated by a space. */
export function keyOf(units: readonly string[]): string {
  let out = '';
  for (const u of units) {
    if (out && !hasCjk(u) && !hasCjk(out.slice(-1))) out += ' ';
    out += u;
  }
  return out;
}

/** Words that carry no meaning for the interpretation (left over after everything else was read). */
export const STOP_WORDS = new Set(
  [
    // English
    'what',
    'whats',
    's',
    'was',
    'is',
    'are',
    'were',
    'be',
    'been',
    'the',
    'a',
    'an',
    'of',
    'in',
    'for',
    'to',
    'me',
    'show',
    'give',
    'list',
    'tell',
    'how',
    'much',
    'many',
    'did',
    'do',
    'does',
    'which',
    'who',
    'our',
    'we',
    'us',
    'my',
    'total',
    'value',
    'values',
    'and',
    'with',
    'on',
    'at',
    'during',
    'has',
    'have',
    'had',
    'from',
    'please',
    'about',
    'it',
    'its',
    'all',
    'company',
    'overall',
    'whole',
    'doing',
    'look',
    'like',
    'so',
    'far',
    'there',
    'their',
    'them',
    'that',
    'this',
    'these',
    'those',
    'can',
    'you',
    'i',
    'get',
    'see',
    'figure',
    'figures',
    'number',
    'numbers',
    'did',
    'made',
    'make',
    'generated',
    'bring',
    'brought',
    'came',
    'come',
    'what',
    'one',
    'ones',
    'by',
    'compared',
    'versus',
    'vs',
    'against',
    'than',
    'up',
    'down',
    'change',
    'changed',
    // Chinese (single characters and short words; matched as units or runs of units)
    '的',
    '是',
    '多少',
    '怎么样',
    '怎样',
    '如何',
    '了',
    '吗',
    '呢',
    '吧',
    '啊',
    '请问',
    '请',
    '给我',
    '帮我',
    '看看',
    '看',
    '查询',
    '查',
    '一下',
    '显示',
    '列出',
    '哪个',
    '哪些',
    '哪家',
    '哪',
    '什么',
    '情况',
    '有',
    '在',
    '和',
    '与',
    '及',
    '以及',
    '总共',
    '总计',
    '合计',
    '一共',
    '数据',
    '为',
    '我们',
    '公司',
    '全公司',
    '整体',
    '谁',
    '对比',
    '比较',
    '比',
    '个',
    '名',
    '家',
    '位',
    '都',
    '分别',
    '是否',
    '多',
    '少',
    '得',
    '中',
    '里',
    '做',
    '到',
    '达到',
    '了吗',
    '期间',
    '内',
    '共',
    '金额',
    '数',
    '值',
    '上',
    '下',
    '变化',
    '怎么',
    '每',
  ].map((w) => w),
);
