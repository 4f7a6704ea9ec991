import type { renderGraphiQL as RenderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { Request, Response, NextFunction } from 'express';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gunzipSync, gzipSync } from 'node:zlib';
import { personalFactsOf } from '../auth/personal-data';
import type { PolicyBook } from '../auth/policy';
import type { Dictionary, Indicator } from '../indicators/dictionary';
import { organisationOf, type CompanyModel } from '../model/entities';
import { organisationDimension } from '../model/member-dimension';
import { graphiqlScript } from './graphiql-demo';

export interface DefaultQueryInput {
  model: Pick<CompanyModel, 'dimensions' | 'entities'>;
  /** The published dictionary the hub starts with. */
  dictionary: Dictionary;
  /** Indicators over personal data are left out of the example: most viewers would see them suppressed. */
  policy: PolicyBook;
  /** The year whose quarters the example asks for (e.g. "2025"). */
  year: string;
}

/**
 * The query GraphiQL opens on, written from the company's model: one published indicator by quarter of
 * `year`, grouped by the model's organisation unit when the indicator is cut by it (else by the
 * indicator's first dimension with an entity), and the first rows of that dimension's entity list.
 * Preferred: indicators cut by the organisation unit, then simple ones, then by code; indicators over
 * personal data are left out. Every name in it exists in this model's schema.
 */
export function defaultQuery({ model, dictionary, policy, year }: DefaultQueryInput): string {
  const orgDimension = organisationDimension(model);
  const groupable = (i: Indicator) => i.def.dimensions.filter((d) => model.dimensions[d] !== undefined);
  const candidates = dictionary
    .all()
    .filter((i) => i.status === 'published' && personalFactsOf(dictionary, i.def.code, policy).length === 0)
    .map((i) => ({ i, dims: groupable(i) }))
    .sort(
      (a, b) =>
        rank(b.dims.includes(orgDimension ?? '')) - rank(a.dims.includes(orgDimension ?? '')) ||
        rank(b.dims.length > 0) - rank(a.dims.length > 0) ||
        rank(b.i.def.type === 'simple') - rank(a.i.def.type === 'simple') ||
        a.i.def.code.localeCompare(b.i.def.code),
    );
  const chosen = candidates[0];
  const dimension = chosen ? (chosen.dims.includes(orgDimension ?? '') ? orgDimension! : chosen.dims[0]) : undefined;
  const listed = dimension !== undefined ? model.entities[model.dimensions[dimension]!] : undefined;
  const others = Object.values(model.entities).sort((a, b) => a.name.localeCompare(b.name));
  const entity = [listed, organisationOf(model), ...others].find((e) => e?.list !== undefined);

  const lines = [
    '# A first query over this company: the viewer, one indicator by quarter and the first rows of an entity.',
  ];
  lines.push("# Credentials go in the headers below: a person's bearer token (npm run demo:tokens), or X-Api-Key.");
  lines.push('# With "X-Hub-Trace": "1" the response\'s extensions.trace shows the statements sent to each source.');
  lines.push('{', '  me {', '    principal', '    roles', '    scope', '  }');
  if (chosen) {
    const by = dimension !== undefined ? `, by: [${dimension}]` : '';
    const range = `from: "${year}-Q1", to: "${year}-Q4", grain: QUARTER`;
    lines.push(
      `  indicatorValues(codes: [${JSON.stringify(chosen.i.def.code)}], ${range}${by}) {`,
      '    indicators {',
      '      code',
      '      nameEn',
      '    }',
      '    rows {',
      '      period',
      ...(by ? ['      members {', '        id', '        name', '      }'] : []),
      '      cells {',
      '        value',
      '        reason',
      '      }',
      '    }',
      '  }',
    );
  }
  if (entity?.list) {
    lines.push(
      `  ${entity.list}(limit: 10) {`,
      '    id',
      ...(entity.fields.name !== undefined ? ['    name'] : []),
      '  }',
    );
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

const rank = (yes: boolean): number => (yes ? 1 : 0);

/** The opening query of a running hub: its published dictionary, the year before `today`. */
export function openingQuery(
  parts: Pick<DefaultQueryInput, 'model' | 'dictionary' | 'policy'>,
  today = new Date(),
): string {
  return defaultQuery({
    model: parts.model,
    dictionary: parts.dictionary,
    policy: parts.policy,
    year: String(today.getUTCFullYear() - 1),
  });
}

/**
 * GraphiQL, self-contained (no CDN): served for a browser's GET of /graphql, opening on `query`. Only when
 * the request asks for HTML explicitly (its Accept names text/html, as a browser's does) and carries no
 * GraphQL request (no `query`, `documentId` or `extensions` parameter): a GET with a query is a GraphQL
 * request whatever its Accept, and `Accept: *\/*` or none is answered as GraphQL. The page (megabytes of
 * script) is compressed once at start (brotli or gzip, as the browser accepts) and cacheable: an ETag, a
 * 304 for a matching If-None-Match, `Cache-Control: public, max-age=3600` — it holds no data or credential.
 * The hub's script on it re-fetches the schema when the headers change and, in demo mode, adds a
 * demo-user picker whose tokens come from a separate, uncached route (graphiql-demo.ts).
 */
export function graphiql(endpoint: string, query: string, options: GraphiQLPageOptions = {}) {
  const page = Buffer.from(
    withScript(
      renderOnce({
        endpoint,
        title: 'indicator-hub',
        defaultQuery: query,
        // A placeholder, never a real credential: `npm run demo:tokens` prints tokens for the demo users.
        headers: JSON.stringify(
          { Authorization: 'Bearer <paste a token from: npm run demo:tokens>', 'X-Hub-Trace': '1' },
          null,
          2,
        ),
      }),
      graphiqlScript(options.demoUsersPath),
    ),
  );
  const etag = `"${createHash('sha256').update(page).digest('base64url').slice(0, 27)}"`;
  // Only the compressed page is kept (≈ 2 MB of the ≈ 13 MB page; a client accepting neither encoding
  // gets it inflated on request): with the renderer unloaded, a hub at rest holds no GraphiQL text.
  const encoded: Record<'br' | 'gzip', Buffer> = {
    br: brotliCompressSync(page, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9 } }),
    gzip: gzipSync(page, { level: 9 }),
  };
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || !wantsPage(req)) return next();
    res.setHeader('Vary', 'Accept, Accept-Encoding');
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    const encoding = req.acceptsEncodings('br', 'gzip', 'identity');
    res.type('html');
    if (encoding === 'br' || encoding === 'gzip') {
      res.setHeader('Content-Encoding', encoding);
      res.send(encoded[encoding]);
      return;
    }
    res.send(gunzipSync(encoded.gzip));
  };
}

/**
 * Yoga's renderer is a 9 MB module of GraphiQL's script, styles and workers as string constants; V8 keeps
 * a module's source and constants for as long as the module is loaded, ≈ 20 MB of a resting hub's heap.
 * It is needed once, to write the page at start: loaded here, then dropped from the module cache (and from
 * this module's children) so the collector takes it back.
 */
function renderOnce(options: Parameters<typeof RenderGraphiQL>[0]): string {
  const id = require.resolve('@graphql-yoga/render-graphiql');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { renderGraphiQL } = require(id) as { renderGraphiQL: typeof RenderGraphiQL };
  try {
    return renderGraphiQL(options);
  } finally {
    const dir = dirname(id);
    const cache = require.cache as Record<string, NodeJS.Module | undefined> | undefined;
    for (const key of Object.keys(cache ?? {})) if (key.startsWith(dir)) delete cache![key];
    const children = (module as NodeJS.Module | undefined)?.children;
    if (Array.isArray(children))
      for (let i = children.length - 1; i >= 0; i--) if (children[i]!.id.startsWith(dir)) children.splice(i, 1);
  }
}

export interface GraphiQLPageOptions {
  /** Demo mode: where the page's demo-user picker reads the users and their tokens (src/server/graphiql-demo.ts). */
  demoUsersPath?: string;
}

const RENDER_CALL = 'YogaGraphiQL.renderYogaGraphiQL(';

/** The hub's script (graphiql-demo.ts) placed before Yoga's render call, which it wraps. */
function withScript(page: string, script: string): string {
  const parts = page.split(RENDER_CALL);
  if (parts.length !== 2)
    throw new Error(
      `@graphql-yoga/render-graphiql: expected one "${RENDER_CALL}" in its page, found ${parts.length - 1}`,
    );
  return `${parts[0]}${script}\n${RENDER_CALL}${parts[1]}`;
}

/** An explicit text/html in Accept, and no GraphQL request in the URL. */
export function wantsPage(req: Pick<Request, 'headers' | 'url'>): boolean {
  const accept = String(req.headers.accept ?? '');
  if (!/(^|,)\s*text\/html\s*(;|,|$)/i.test(accept)) return false;
  const params = new URL(req.url, 'http://hub.invalid').searchParams;
  return !['query', 'documentId', 'extensions'].some((p) => params.has(p));
}
