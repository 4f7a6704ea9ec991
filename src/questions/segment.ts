import type { Jieba } from '@node-rs/jieba';
import type { Lexicon, Meaning } from './lexicon';
import { keyOf, unitsOf, type Unit } from './text';

/** A run of the normalized question read as one lexicon entry. */
export interface Span {
  start: number;
  end: number;
  text: string;
  meanings: Meaning[];
}

/**
 * How the question is cut before matching: `longest` cuts into characters (CJK) and words (Latin), so any
 * entry of the lexicon can match anywhere — longest first; `jieba` cuts with @node-rs/jieba, its dictionary
 * plus the lexicon's Chinese entries as user dictionary, so entries match only on jieba's word boundaries.
 * Measured on the corpus (test/questions/corpus.test.ts); `longest` is what `ask` uses.
 */
export type Segmenter = 'longest' | 'jieba';

/** Greedy left-to-right longest match of lexicon entries over the question's tokens. */
export function matchSpans(text: string, lexicon: Lexicon, segmenter: Segmenter = 'longest'): Span[] {
  const tokens = segmenter === 'jieba' ? jiebaTokens(text, lexicon) : unitsOf(text);
  const spans: Span[] = [];
  let i = 0;
  while (i < tokens.length) {
    let found: Span | undefined;
    const limit = Math.min(tokens.length, i + lexicon.maxUnits);
    for (let j = limit; j > i; j--) {
      const run = tokens.slice(i, j);
      const meanings = lexicon.get(keyOf(run.flatMap((t) => unitsOf(t.text).map((u) => u.text))));
      if (meanings) {
        found = {
          start: run[0]!.start,
          end: run[run.length - 1]!.end,
          text: text.slice(run[0]!.start, run[run.length - 1]!.end),
          meanings,
        };
        i = j;
        break;
      }
    }
    if (found) spans.push(found);
    else i++;
  }
  return spans;
}

const jiebas = new WeakMap<Lexicon, Jieba>();

function jiebaTokens(text: string, lexicon: Lexicon): Unit[] {
  let jieba = jiebas.get(lexicon);
  if (!jieba) {
    // Loaded on first use: its dictionaries are 11 MB of buffers read at import, and `ask` cuts with
    // `longest` — a hub that never asks for jieba does not hold them.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict') as typeof import('@node-rs/jieba/dict');
    /* eslint-enable @typescript-eslint/no-require-imports */
    jieba = JiebaClass.withDict(dict);
    const words = lexicon
      .cjkKeys()
      .filter((k) => !/\s/.test(k))
      .map((k) => `${k.replace(/\s+/g, '')} 100000 n`);
    if (words.length) jieba.loadDict(Buffer.from(words.join('\n'), 'utf8'));
    jiebas.set(lexicon, jieba);
  }
  const out: Unit[] = [];
  let at = 0;
  for (const token of jieba.cut(text, false)) {
    const start = text.indexOf(token, at);
    at = start + token.length;
    if (token.trim()) out.push({ text: token, start, end: at });
  }
  return out;
}
