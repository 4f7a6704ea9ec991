/** The hub's GraphQL API, with the signed-in viewer's credentials: the page has no other data path. */
export interface Credentials {
  kind: 'token' | 'apiKey';
  value: string;
  label: string;
}

export interface GraphQLError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; reason?: string };
}

export interface GraphQLResult<T> {
  data?: T | null;
  errors?: GraphQLError[];
}

const STORAGE_KEY = 'indicator-center.credentials';

export function savedCredentials(): Credentials | null {
  const raw = sessionStorage.getItem(STORAGE_KEY);
  return raw ? (JSON.parse(raw) as Credentials) : null;
}

export function saveCredentials(c: Credentials | null): void {
  if (c) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(c));
  else sessionStorage.removeItem(STORAGE_KEY);
}

export class HubApi {
  constructor(private readonly credentials: Credentials) {}

  /** The full result (data and field errors): a screen shows what it may and says what it may not. */
  async run<T>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (this.credentials.kind === 'token') headers.authorization = `Bearer ${this.credentials.value}`;
    else headers['x-api-key'] = this.credentials.value;
    const res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const text = await res.text();
    try {
      return JSON.parse(text) as GraphQLResult<T>;
    } catch {
      return { errors: [{ message: `HTTP ${res.status}: ${text.slice(0, 200)}` }] };
    }
  }

  /** Data, or an Error carrying the first error's message and code. */
  async data<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.run<T>(query, variables);
    if (result.errors?.length && !result.data) throw apiError(result.errors[0]!);
    if (result.errors?.length) {
      const fatal = result.errors.find((e) => (e.path?.length ?? 0) <= 1);
      if (fatal) throw apiError(fatal);
    }
    return result.data as T;
  }
}

export function apiError(e: GraphQLError): Error & { code?: string } {
  const error = new Error(e.message) as Error & { code?: string };
  error.code = e.extensions?.code;
  return error;
}
