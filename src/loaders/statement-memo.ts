/**
 * One request's answers by statement: the first part of a request that reads a statement (from the
 * result cache or the source) fixes its rows for every other part of the same request, so one request
 * answers from one as-of whatever the cache does meanwhile. Identical statements asked at once share one
 * run. A failure is the answer too, for the rest of the request.
 */
export interface StatementMemo {
  once<T>(key: string, run: () => Promise<T>): Promise<T>;
}

export function createStatementMemo(): StatementMemo {
  const answers = new Map<string, Promise<unknown>>();
  return {
    once<T>(key: string, run: () => Promise<T>): Promise<T> {
      let answer = answers.get(key) as Promise<T> | undefined;
      if (!answer) answers.set(key, (answer = run()));
      return answer;
    },
  };
}
