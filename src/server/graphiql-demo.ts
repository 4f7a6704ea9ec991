import express from 'express';
import { randomUUID } from 'node:crypto';
import type { HubRuntime } from '../app/runtime';
import { logger } from '../logger';
import { demoSignIns } from './demo-sign-in';

/** Where GraphiQL's demo-user picker reads the demo users and their tokens (demo mode only). */
export const DEMO_USERS_PATH = '/graphiql/demo-users';

/**
 * GET /graphiql/demo-users: the demo users with a token each, for GraphiQL's picker — in demo mode only
 * (404 otherwise), never cached. The GraphiQL page itself stays free of credentials (it is cacheable).
 */
export function graphiqlDemoUsers(runtime: HubRuntime): express.Router {
  const router = express.Router();
  router.get(DEMO_USERS_PATH, async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    try {
      const users = await demoSignIns(runtime);
      if (!users) {
        res.status(404).json({ error: 'Not in demo mode: sign in with your own token or API key.' });
        return;
      }
      res.json(users);
    } catch (error) {
      const errorId = randomUUID();
      logger.error({ errorId, err: error }, 'the demo users could not be signed');
      res.status(500).json({ error: `The demo users are not available (error id ${errorId}).` });
    }
  });
  return router;
}

/**
 * The script GraphiQL's page runs around Yoga's `renderYogaGraphiQL` (plain ES2017, no dependencies):
 * - the schema is re-fetched when the headers change: an edit in the Headers editor (typing, paste, cut),
 *   once it rests for 700 ms, presses GraphiQL's own "Re-fetch GraphQL schema" button — so the Docs pane
 *   follows a pasted token instead of staying at "Error fetching schema";
 * - with `demoUsersPath` (demo mode): a "Sign in as" picker over the page; choosing a user puts
 *   `{ "Authorization": "Bearer <token>", "X-Hub-Trace": "1" }` in the headers (kept for this browser tab
 *   in sessionStorage) and reloads GraphiQL with them, schema included.
 */
export function graphiqlScript(demoUsersPath?: string): string {
  return `(function () {
  var KEY = 'indicator-hub:graphiql-headers';
  var render = YogaGraphiQL.renderYogaGraphiQL;
  YogaGraphiQL.renderYogaGraphiQL = function (root, opts) {
    var picked = ${demoUsersPath ? 'sessionStorage.getItem(KEY)' : 'null'};
    render(root, picked ? Object.assign({}, opts, { headers: picked }) : opts);
  };
  var timer;
  function edited(event) {
    var target = event.target;
    if (!target || !target.closest || !target.closest('section.graphiql-editor-tool[aria-label="Headers"]')) return;
    clearTimeout(timer);
    timer = setTimeout(function () {
      var button = document.querySelector('button[aria-label^="Re-fetch GraphQL schema"]');
      if (button) button.click();
    }, 700);
  }
  ['input', 'paste', 'cut'].forEach(function (type) { document.addEventListener(type, edited, true); });
  ${demoUsersPath ? picker(demoUsersPath) : ''}
})();`;
}

function picker(path: string): string {
  return `fetch(${JSON.stringify(path)}, { headers: { accept: 'application/json' } })
    .then(function (res) { return res.ok ? res.json() : []; })
    .then(function (users) {
      if (!users.length) return;
      var box = document.createElement('label');
      box.id = 'hub-demo-user';
      box.style.cssText = 'position:fixed;top:6px;right:12px;z-index:1000;font:13px sans-serif;background:#fff;' +
        'color:#333;border:1px solid #ccc;border-radius:6px;padding:4px 8px;box-shadow:0 1px 4px rgba(0,0,0,.15)';
      box.textContent = 'Demo: sign in as ';
      var select = document.createElement('select');
      select.setAttribute('aria-label', 'Demo user');
      var none = document.createElement('option');
      none.value = '';
      none.textContent = '— pick a demo user —';
      select.appendChild(none);
      users.forEach(function (user) {
        var option = document.createElement('option');
        option.value = user.employee;
        option.textContent = user.label + ' (' + user.employee + ')';
        select.appendChild(option);
      });
      select.value = sessionStorage.getItem(KEY + ':employee') || '';
      select.addEventListener('change', function () {
        var user = users.filter(function (u) { return u.employee === select.value; })[0];
        if (!user) return;
        sessionStorage.setItem(KEY, JSON.stringify({ Authorization: 'Bearer ' + user.token, 'X-Hub-Trace': '1' }, null, 2));
        sessionStorage.setItem(KEY + ':employee', user.employee);
        location.reload();
      });
      box.appendChild(select);
      document.body.appendChild(box);
    })
    .catch(function () {});`;
}
