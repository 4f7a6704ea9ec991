import { HubApi, savedCredentials, saveCredentials, type Credentials } from './api';
import { button, clear, el, message } from './dom';
import { disposeCharts } from './charts';
import { dictionaryScreen } from './screens/dictionary';
import { chartsScreen } from './screens/charts';
import { alertsScreen } from './screens/alerts';
import { approvalsScreen } from './screens/approvals';
import { listsScreen } from './screens/lists';
import { askBox, askScreen } from './screens/ask';
import { auditScreen } from './screens/audit';
import type { Session } from './session';
import './center.css';

/**
 * 指标中心 — the indicator center. Sign in (a demo user, a token or an API key), then browse the dictionary,
 * chart an indicator, see the period's alerts, decide change requests, export what is on screen, ask a
 * question in words and — for the roles the policy lets read it — the audit trail. Every datum comes from
 * /graphql with the viewer's credentials.
 */
const root = document.getElementById('app')!;

const SCREENS = [
  { id: 'dictionary', label: '指标字典 Dictionary', render: dictionaryScreen },
  { id: 'charts', label: '图表 Charts', render: chartsScreen },
  { id: 'alerts', label: '预警 Alerts', render: alertsScreen },
  { id: 'approvals', label: '审批 Approvals', render: approvalsScreen },
  { id: 'lists', label: '明细 Lists', render: listsScreen },
  { id: 'ask', label: '问答 Ask', render: askScreen },
  { id: 'audit', label: '审计 Audit', render: auditScreen },
] as const;

function currentQuarter(): string {
  const now = new Date();
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
}

async function start(): Promise<void> {
  const credentials = savedCredentials();
  if (!credentials) return signIn();
  const api = new HubApi(credentials);
  const me = await api.run<{ me: { principal: string; roles: string[]; scope: string; operations: string[] } }>(
    '{ me { principal roles scope operations } }',
  );
  if (!me.data?.me) {
    saveCredentials(null);
    return signIn(me.errors?.[0]?.message ?? 'Sign-in failed.');
  }
  // The audit screen exists only for roles the policy lets read the trail (Query.auditLog allowed); the
  // API refuses everyone else the same queries, so this only spares them a screen of refusals.
  const access = await api.run<{
    me: { fieldAccess: { types: Array<{ type: string; fields: Array<{ field: string; access: string }> }> } } | null;
  }>('{ me { fieldAccess(types: ["Query"]) { types { type fields { field access } } } } }');
  const mayAudit =
    access.data?.me?.fieldAccess.types
      .find((t) => t.type === 'Query')
      ?.fields.some((f) => f.field === 'auditLog' && f.access === 'ALLOWED') ?? false;
  const params = new URLSearchParams(location.search);
  const session: Session = {
    api,
    me: me.data.me,
    period: params.get('period') ?? currentQuarter(),
    canExport: me.data.me.operations.includes('export'),
    mayAudit,
    show: (screen, arg) => go(screen, arg),
    selected: params.get('indicator') ?? undefined,
    question: params.get('ask') ?? undefined,
  };
  const screens = SCREENS.filter((s) => s.id !== 'audit' || mayAudit);
  const main = el('main', { id: 'screen' });
  const nav = el('nav', {});
  const periodInput = el('input', {
    id: 'period',
    value: session.period,
    size: '9',
    title: 'Period: 2025-Q4, 2025-12, 2025',
  });
  periodInput.addEventListener('change', () => {
    session.period = periodInput.value.trim();
    go(current);
  });
  let renders = 0;
  let current: string = params.get('screen') ?? (session.question ? 'ask' : 'dictionary');
  const go = (screen: string, arg?: string) => {
    if (arg !== undefined && screen === 'ask') session.question = arg;
    else if (arg !== undefined) session.selected = arg;
    // A screen the viewer does not have (the audit trail without the right) is absent: the first one opens.
    const def = screens.find((s) => s.id === screen) ?? screens[0]!;
    current = def.id;
    for (const b of nav.querySelectorAll('button')) b.classList.toggle('active', b.dataset.screen === current);
    disposeCharts();
    clear(main, message('Loading…'));
    // data-ready names the screen once it has rendered (the latest one asked for): tests wait on it.
    const turn = ++renders;
    delete main.dataset.ready;
    const done = () => {
      if (turn === renders) main.dataset.ready = def.id;
    };
    def.render(session, main).then(done, (e: Error) => {
      clear(main, message(e.message, 'error'));
      done();
    });
  };
  for (const s of screens) {
    const b = button(s.label, () => go(s.id), { 'data-screen': s.id });
    nav.append(b);
  }
  clear(
    root,
    el(
      'header',
      {},
      el('h1', {}, '指标中心 ', el('small', {}, 'Indicator center')),
      askBox(session),
      el('label', { class: 'period' }, 'Period ', periodInput),
      el(
        'span',
        { class: 'who', id: 'who' },
        `${credentials.label} · ${me.data.me.principal} · ${me.data.me.roles.join(', ')}`,
      ),
      button('Sign out', () => {
        saveCredentials(null);
        location.reload();
      }),
    ),
    nav,
    main,
  );
  go(current);
}

async function signIn(problem?: string): Promise<void> {
  const form = el('div', { class: 'signin', id: 'signin' });
  const use = (c: Credentials) => {
    saveCredentials(c);
    start().catch((e: Error) => clear(root, message(e.message, 'error')));
  };
  const res = await fetch('/center/demo-users');
  if (res.ok) {
    const { users } = (await res.json()) as { users: Array<{ label: string; employee: string; token: string }> };
    const select = el(
      'select',
      { id: 'demo-user' },
      ...users.map((u, i) => el('option', { value: String(i) }, `${u.label} — ${u.employee}`)),
    );
    form.append(
      el('h2', {}, 'Demo users'),
      el('p', {}, 'This hub runs a demo company: sign in as one of its people.'),
      select,
      button(
        'Sign in',
        () => {
          const u = users[Number(select.value)]!;
          use({ kind: 'token', value: u.token, label: u.label });
        },
        { id: 'demo-sign-in' },
      ),
    );
  }
  const token = el('textarea', { id: 'token', rows: '3', placeholder: 'Bearer token (a JWT)' });
  const key = el('input', { id: 'api-key', placeholder: 'API key' });
  form.append(
    el('h2', {}, 'Sign in'),
    token,
    button(
      'Sign in with token',
      () => use({ kind: 'token', value: token.value.trim().replace(/^Bearer\s+/i, ''), label: 'token' }),
      { id: 'token-sign-in' },
    ),
    key,
    button('Sign in with API key', () => use({ kind: 'apiKey', value: key.value.trim(), label: 'API key' }), {
      id: 'key-sign-in',
    }),
  );
  clear(
    root,
    el('header', {}, el('h1', {}, '指标中心 ', el('small', {}, 'Indicator center'))),
    ...(problem ? [message(problem, 'error')] : []),
    form,
  );
}

start().catch((e: Error) => clear(root, message(e.message, 'error')));
