import { button, clear, el, message } from '../dom';
import { diffTable } from './dictionary';
import type { Session } from '../session';

const WAITING = `{
  indicatorChanges(states: [IN_REVIEW]) {
    id code domain kind state author reason createdAt revision baseVersion
    diff { path before after }
    impact {
      dependents { code path via }
      owners { owner { person } codes }
      flags { kind message }
      operations { names verdict }
    }
  }
}`;

interface Change {
  id: string;
  code: string;
  domain: string;
  kind: string;
  author: string;
  reason: string;
  createdAt: string;
  revision: number;
  diff: Array<{ path: string; before: string | null; after: string | null }>;
  impact: {
    dependents: Array<{ code: string; path: string[]; via: string }>;
    owners: Array<{ owner: { person: string }; codes: string[] }>;
    flags: Array<{ kind: string; message: string }>;
    operations: Array<{ names: string[]; verdict: string }>;
  } | null;
}

/** Change requests in review that the viewer may decide (not their own), with the impact report. */
export async function approvalsScreen(session: Session, main: HTMLElement): Promise<void> {
  const result = await session.api.run<{ indicatorChanges: Change[] | null }>(WAITING);
  const waiting = (result.data?.indicatorChanges ?? []).filter((c) => c.author !== session.me.principal);
  const mayApprove = session.me.operations.includes('approve');
  clear(
    main,
    el('h2', {}, '审批 Change requests waiting for you'),
    ...(result.errors?.length ? [message(result.errors[0]!.message, 'error')] : []),
    ...(mayApprove ? [] : [message('Your roles do not approve definitions: what you see here is for reading.')]),
    waiting.length
      ? el('div', { id: 'changes' }, ...waiting.map((c) => card(session, c, main)))
      : message('Nothing is waiting for you.'),
  );
}

function card(session: Session, c: Change, main: HTMLElement): HTMLElement {
  const comment = el('input', { class: 'comment', placeholder: 'Comment (required)', size: '40' });
  const status = el('span', { class: 'decision-status' });
  const decide = async (verb: 'approve' | 'reject') => {
    const mutation = `mutation Decide($id: ID!, $rev: Int!, $comment: String!) {
  ${verb}IndicatorChange(id: $id, expectedRevision: $rev, comment: $comment) { id state resultVersion }
}`;
    try {
      const data = await session.api.data<Record<string, { state: string; resultVersion: number | null }>>(mutation, {
        id: c.id,
        rev: c.revision,
        comment:
          comment.value.trim() ||
          (verb === 'approve' ? 'Approved in the indicator center.' : 'Rejected in the indicator center.'),
      });
      const decided = data[`${verb}IndicatorChange`]!;
      status.textContent = `${decided.state}${decided.resultVersion ? ` — v${decided.resultVersion} published` : ''}`;
      setTimeout(() => void approvalsScreen(session, main), 1500);
    } catch (e) {
      status.textContent = (e as Error).message;
    }
  };
  const impact = c.impact;
  return el(
    'div',
    { class: 'change', 'data-change': c.id },
    el(
      'h3',
      {},
      `#${c.id} ${c.kind} ${c.code} `,
      el('small', {}, `${c.domain} · by ${c.author} · ${c.createdAt.slice(0, 16)}`),
    ),
    el('p', {}, c.reason),
    c.diff.length ? diffTable(c.diff) : el('p', { class: 'note' }, 'No field changes.'),
    el('h4', {}, '影响 Impact'),
    impact
      ? el(
          'ul',
          { class: 'impact' },
          el('li', {}, `Dependents: ${impact.dependents.map((d) => d.code).join(', ') || 'none'}`),
          el(
            'li',
            {},
            `Owners to tell: ${impact.owners.map((o) => `${o.owner.person} (${o.codes.join(', ')})`).join('; ') || 'none'}`,
          ),
          el('li', {}, `Flags: ${impact.flags.map((f) => `${f.kind}: ${f.message}`).join('; ') || 'none'}`),
          el(
            'li',
            {},
            `Registered operations: ${impact.operations.map((o) => `${o.names.join(' ')} (${o.verdict})`).join(', ') || 'none'}`,
          ),
        )
      : el('p', { class: 'note' }, 'No impact report.'),
    el(
      'div',
      { class: 'decide' },
      comment,
      button('Approve', () => void decide('approve'), { class: 'approve' }),
      button('Reject', () => void decide('reject'), { class: 'reject' }),
      status,
    ),
  );
}
