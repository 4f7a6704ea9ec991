import express from 'express';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { HubRuntime } from '../app/runtime';
import { logger } from '../logger';
import { demoSignIns } from './demo-sign-in';

/** Where `npm run build:web` writes the indicator center (web/center → dist/center). */
export const CENTER_BUILD_DIR = resolve(__dirname, '..', '..', 'dist', 'center');

/**
 * The indicator center (指标中心), a static page under /center that talks only to /graphql with the
 * viewer's own credentials: policy, row rules, masks, suppression and audit are the API's. Its assets are
 * built into dist/center by `npm run build:web` (esbuild, ECharts bundled in: no CDN); hashed file names
 * are cached for a year, the page itself is revalidated.
 *
 * Demo sign-in: in demo mode, when the model directory has demo-users.yaml and tokens are HS256, GET
 * /center/demo-users lists those people with a short-lived token each (src/server/demo-sign-in.ts, as
 * GraphiQL's picker). Outside demo mode the list is absent (404), whatever the files say.
 */
export function centerRoutes(runtime: HubRuntime, dir = CENTER_BUILD_DIR): express.Router {
  const router = express.Router();
  router.get('/center/demo-users', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    try {
      const users = await demoSignIns(runtime);
      if (!users) {
        res.status(404).json({ error: 'This hub has no demo users: sign in with a token or an API key.' });
        return;
      }
      res.json({ users });
    } catch (error) {
      const errorId = randomUUID();
      logger.error({ errorId, err: error }, 'demo users could not be signed in');
      res.status(500).json({ error: `The demo users are not available (error id ${errorId}).` });
    }
  });
  router.get('/center', (req, res, next) => {
    if (req.originalUrl === '/center') return res.redirect(301, '/center/');
    next();
  });
  router.use(
    '/center',
    (_req, res, next) => {
      // The page reads only its own bundle and /graphql: nothing else may load, run or be sent anywhere.
      res.setHeader('Content-Security-Policy', CSP);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      if (!existsSync(join(dir, 'index.html'))) {
        res
          .status(503)
          .type('text')
          .send('The indicator center is not built: run `npm run build:web` (npm start does it first).\n');
        return;
      }
      next();
    },
    (req, res, next) => {
      // The build writes a .gz beside each file: sent as is to clients that accept gzip.
      const name = req.path === '/' ? 'index.html' : req.path.slice(1);
      if ((req.method !== 'GET' && req.method !== 'HEAD') || !/^[\w-]+(\.[\w-]+)*$/.test(name)) return next();
      const gz = join(dir, `${name}.gz`);
      res.setHeader('Vary', 'Accept-Encoding');
      if (!req.acceptsEncodings('gzip') || !existsSync(gz)) return next();
      cacheHeaders(res, name);
      res.setHeader('Content-Encoding', 'gzip');
      res.type(extname(name));
      res.sendFile(gz);
    },
    express.static(dir, { index: 'index.html', setHeaders: (res, path) => cacheHeaders(res, path) }),
  );
  return router;
}

/** Hashed names never change: cached for a year; the page itself is revalidated on every load. */
function cacheHeaders(res: express.Response, path: string): void {
  res.setHeader(
    'Cache-Control',
    /\.[0-9A-Z]{8}\.(js|css)$/i.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
}

const CSP = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  // ECharts and the page set element styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
