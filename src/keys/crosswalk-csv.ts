/** One line of a crosswalk CSV (header `source_key,hub_id`), with its 1-based line number. */
export interface CsvPair {
  line: number;
  sourceKey: string;
  hubId: string;
}

/**
 * Reads `source_key,hub_id` CSV: a header line, then one pair per line; fields may be "quoted" ("" inside
 * quotes is a quote); blank lines are skipped. Problems are `line N: CODE: message`.
 */
export function parsePairsCsv(text: string): { pairs: CsvPair[]; problems: string[] } {
  const pairs: CsvPair[] = [];
  const problems: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = fields(lines[0] ?? '');
  if (!header || header.length !== 2 || header[0]!.trim() !== 'source_key' || header[1]!.trim() !== 'hub_id') {
    return {
      pairs,
      problems: [
        `line 1: CROSSWALK_BAD_HEADER: expected the header "source_key,hub_id", found "${(lines[0] ?? '').slice(0, 80)}"`,
      ],
    };
  }
  lines.slice(1).forEach((text, i) => {
    const line = i + 2;
    if (text.trim() === '') return;
    const f = fields(text);
    if (!f || f.length !== 2) {
      problems.push(`line ${line}: CROSSWALK_BAD_LINE: expected two fields, source_key,hub_id`);
      return;
    }
    const [sourceKey, hubId] = f.map((x) => x.trim()) as [string, string];
    if (sourceKey === '' || hubId === '')
      problems.push(`line ${line}: CROSSWALK_BAD_LINE: an empty ${sourceKey === '' ? 'source_key' : 'hub_id'}`);
    else if (sourceKey.length > 64 || hubId.length > 64)
      problems.push(`line ${line}: CROSSWALK_BAD_LINE: a key longer than 64 characters`);
    else pairs.push({ line, sourceKey, hubId });
  });
  return { pairs, problems };
}

/** The fields of one CSV line, or undefined when a quote is not closed. */
function fields(line: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= line.length) return undefined;
        if (line[i] === '"' && line[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (line[i] === '"') break;
        else value += line[i++];
      }
      i++;
      out.push(value);
      if (i < line.length && line[i] !== ',') return undefined;
    } else {
      const end = line.indexOf(',', i);
      out.push(line.slice(i, end < 0 ? line.length : end));
      i = end < 0 ? line.length : end;
    }
    if (i >= line.length) return out;
    i++;
  }
}
