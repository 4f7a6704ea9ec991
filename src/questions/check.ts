import { badInput } from '../errors';
import { MAX_QUESTION_CHARS } from './text';

// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/u;
/** Query-language text: statements, comments, blocks, GraphQL selections. A question has none of these. */
const CODE =
  /(;|--|\/\*|\*\/|[{}$]|\b(select|insert|update|delete|drop|union|truncate|alter|create)\b[\s\S]*\b(from|into|table|set|select|where)\b|\b(query|mutation|subscription|fragment)\s*[a-z_]*\s*[({])/iu;

/**
 * Refuses what is not a question before anything is read or computed (no statement is issued): empty,
 * longer than MAX_QUESTION_CHARS, control or invisible formatting characters, or SQL / GraphQL text.
 * BAD_USER_INPUT with `reason` EMPTY_QUESTION, QUESTION_TOO_LONG, CONTROL_CHARACTERS or NOT_A_QUESTION.
 */
export function checkQuestion(question: string): void {
  const text = question.trim();
  if (!text)
    throw badInput('The question is empty: ask about an indicator, e.g. "revenue last month".', {
      argument: 'question',
      reason: 'EMPTY_QUESTION',
    });
  if (question.length > MAX_QUESTION_CHARS)
    throw badInput(`The question is ${question.length} characters long; at most ${MAX_QUESTION_CHARS} are read.`, {
      argument: 'question',
      reason: 'QUESTION_TOO_LONG',
      max: MAX_QUESTION_CHARS,
    });
  if (CONTROL.test(question))
    throw badInput('The question contains control or invisible formatting characters: send plain text.', {
      argument: 'question',
      reason: 'CONTROL_CHARACTERS',
    });
  if (CODE.test(question))
    throw badInput('The question looks like SQL or GraphQL: ask in words, or send the query to indicatorValues.', {
      argument: 'question',
      reason: 'NOT_A_QUESTION',
    });
}
