import { ERROR_CATALOGUE, type ErrorEntry } from '../error-catalogue';

/**
 * The `ErrorCode` enum of the schema, written from the error catalogue (src/error-catalogue.ts): each
 * value's description gives its HTTP status and meaning, so codegen and GraphiQL's Docs show the contract.
 */
export function errorCodeSdl(): string {
  const values = Object.entries(ERROR_CATALOGUE as Record<string, ErrorEntry>).map(([code, e]) => {
    const reasons = e.reasons ? ` Reasons: ${Object.keys(e.reasons).join(', ')}.` : '';
    return `  ${JSON.stringify(`HTTP ${e.status} (${e.where.join(', ')}). ${e.meaning}${reasons}`)}\n  ${code}`;
  });
  return [
    '"""',
    'Every `extensions.code` the hub answers (the error contract: README "Errors as a contract").',
    'Not used as a field type: clients generate it to switch over `extensions.code`.',
    '"""',
    `enum ErrorCode {\n${values.join('\n')}\n}`,
    '',
  ].join('\n');
}
