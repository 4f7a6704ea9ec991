import type { LifecycleEvent } from '../governance/types';
import type { DeliveryStatus, DueDelivery, Notice, NoticeSubscription, WebhookAttempt, WebhookDelivery } from './types';
import { from, type SqlConnection } from '../db/connection';

/**
 * The SQL side of notices (src/notices holds the logic): tables from migration 003-notices in the hub
 * store's schema (PostgreSQL or the embedded engine). Lists are JSON text; instants ISO 8601 UTC text.
 */
type Row = Record<string, unknown>;

/**
 * Inside the caller's transaction (`conn` bound to it): the notice, one inbox row per address (the
 * event's recipients plus `principal:<owner>` of every matching subscription) and one pending delivery
 * per matching subscription with a webhook, due at once. Returns the notice id and the deliveries made.
 */
export async function insertNotice(
  conn: SqlConnection,
  event: LifecycleEvent,
  now: string,
): Promise<{ id: number; deliveries: number }> {
  const [inserted] = (await from(conn, 'notice')
    .insert({
      kind: event.kind,
      code: event.code,
      domain: event.domain,
      change_id: event.changeId,
      version: event.version,
      actor: event.actor,
      at: event.at,
      note: event.note,
      affected: JSON.stringify(event.affected),
      recipients: JSON.stringify(event.recipients),
    })
    .returning('id')) as Array<{ id: number }>;
  const id = Number(inserted!.id);
  // No affected codes (a proposal for a never-published indicator): only its addressees hear of it.
  const matching = event.affected.length > 0 ? await matchingSubscriptions(conn, event.affected) : [];
  const addresses = new Set([...event.recipients, ...matching.map((s) => `principal:${s.owner}`)]);
  if (addresses.size > 0) {
    await from(conn, 'notice_inbox').insert([...addresses].map((address) => ({ notice_id: id, address })));
  }
  const hooked = matching.filter((s) => s.hasWebhook);
  if (hooked.length > 0) {
    await from(conn, 'webhook_delivery').insert(
      hooked.map((s) => ({
        notice_id: id,
        subscription_id: s.id,
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
      })),
    );
  }
  return { id, deliveries: hooked.length };
}

/** Active subscriptions for every code, or naming one of `codes`. */
async function matchingSubscriptions(
  conn: SqlConnection,
  codes: readonly string[],
): Promise<Array<{ id: number; owner: string; hasWebhook: boolean }>> {
  const named = from(conn, 'notice_subscription_code')
    .select('subscription_id')
    .whereIn('code', codes.length > 0 ? [...codes] : ['']);
  const rows = (await from(conn, 'notice_subscription')
    .select('id', 'owner', 'webhook_url')
    .where('active', true)
    .andWhere((w) => w.where('all_codes', true).orWhereIn('id', named))
    .orderBy('id')) as Row[];
  return rows.map((r) => ({
    id: Number(r.id),
    owner: String(r.owner),
    hasWebhook: r.webhook_url !== null && r.webhook_url !== undefined,
  }));
}

export interface InboxQuery {
  addresses: readonly string[];
  principal: string;
  unreadOnly: boolean;
  limit: number;
  offset: number;
}

export class NoticeStore {
  constructor(readonly conn: SqlConnection) {}

  /** Notices addressed to any of `addresses`, newest first, with the principal's read flag. */
  async inbox(q: InboxQuery): Promise<Notice[]> {
    const { knex } = this.conn;
    const addressed = from(this.conn, 'notice_inbox')
      .select('notice_id')
      .whereIn('address', [...q.addresses]);
    const query = knex
      .select('n.*', 'r.read_at')
      .from(this.table('notice', 'n'))
      .leftJoin(this.table('notice_read', 'r'), (j) =>
        j.on('r.notice_id', 'n.id').andOn('r.principal', knex.raw('?', [q.principal])),
      )
      .whereIn('n.id', addressed);
    if (q.unreadOnly) query.whereNull('r.read_at');
    const rows = (await query.orderBy('n.id', 'desc').limit(q.limit).offset(q.offset)) as Row[];
    return rows.map((r) => ({ ...noticeOfRow(r), read: r.read_at !== null && r.read_at !== undefined }));
  }

  /** Marks those of `ids` addressed to the principal as read by it; returns how many of them are now read. */
  async markRead(
    principal: string,
    addresses: readonly string[],
    ids: readonly number[],
    now: string,
  ): Promise<number> {
    if (ids.length === 0) return 0;
    const rows = (await from(this.conn, 'notice_inbox')
      .distinct('notice_id')
      .whereIn('address', [...addresses])
      .whereIn('notice_id', [...ids])) as Row[];
    const mine = rows.map((r) => Number(r.notice_id));
    if (mine.length === 0) return 0;
    await from(this.conn, 'notice_read')
      .insert(mine.map((id) => ({ notice_id: id, principal, read_at: now })))
      .onConflict(['principal', 'notice_id'])
      .ignore();
    return mine.length;
  }

  async notice(id: number): Promise<Notice | null> {
    const row = (await from(this.conn, 'notice').where('id', id).first()) as Row | undefined;
    return row ? noticeOfRow(row) : null;
  }

  async createSubscription(s: {
    owner: string;
    codes: readonly string[] | null;
    webhookUrl: string | null;
    secret: string | null;
    now: string;
  }): Promise<NoticeSubscription> {
    return this.conn.knex.transaction(async (trx) => {
      const conn = { ...this.conn, knex: trx };
      const [row] = (await from(conn, 'notice_subscription')
        .insert({
          owner: s.owner,
          all_codes: s.codes === null,
          webhook_url: s.webhookUrl,
          secret: s.secret,
          created_at: s.now,
          active: true,
        })
        .returning('id')) as Array<{ id: number }>;
      const id = Number(row!.id);
      if (s.codes && s.codes.length > 0) {
        await from(conn, 'notice_subscription_code').insert(
          [...new Set(s.codes)].map((code) => ({ subscription_id: id, code })),
        );
      }
      return (await subscriptionsWhere(conn, (q) => q.where('id', id)))[0]!;
    });
  }

  /** Subscriptions of `owner` (all owners when undefined), newest first. */
  subscriptions(owner: string | undefined): Promise<NoticeSubscription[]> {
    return subscriptionsWhere(this.conn, (q) => (owner === undefined ? q : q.where('owner', owner)));
  }

  async subscription(id: number): Promise<NoticeSubscription | null> {
    return (await subscriptionsWhere(this.conn, (q) => q.where('id', id)))[0] ?? null;
  }

  /** Active subscriptions interested in any of `codes` (every-code ones included), with the codes they named (null = all). */
  async interestIn(codes: readonly string[]): Promise<NoticeSubscription[]> {
    const named = from(this.conn, 'notice_subscription_code')
      .select('subscription_id')
      .whereIn('code', codes.length > 0 ? [...codes] : ['']);
    return subscriptionsWhere(this.conn, (q) =>
      q.where('active', true).andWhere((w) => w.where('all_codes', true).orWhereIn('id', named)),
    );
  }

  /** Deactivates the owner's subscription and cancels its pending deliveries; null when it has none with that id. */
  async cancelSubscription(id: number, owner: string, now: string): Promise<NoticeSubscription | null> {
    return this.conn.knex.transaction(async (trx) => {
      const conn = { ...this.conn, knex: trx };
      const changed = await from(conn, 'notice_subscription')
        .where({ id, owner, active: true })
        .update({ active: false, cancelled_at: now });
      if (changed === 0) {
        const existing = (await subscriptionsWhere(conn, (q) => q.where({ id, owner })))[0];
        return existing ?? null;
      }
      await from(conn, 'webhook_delivery')
        .where({ subscription_id: id, status: 'pending' })
        .update({ status: 'cancelled', next_attempt_at: null, last_error: 'the subscription was cancelled' });
      return (await subscriptionsWhere(conn, (q) => q.where('id', id)))[0]!;
    });
  }

  /** Deliveries of one subscription (or of every subscription), newest first. */
  async deliveries(
    filter: { subscriptionId?: number; noticeId?: number; status?: DeliveryStatus },
    limit: number,
  ): Promise<WebhookDelivery[]> {
    const q = from(this.conn, 'webhook_delivery').select('*');
    if (filter.subscriptionId !== undefined) q.where('subscription_id', filter.subscriptionId);
    if (filter.noticeId !== undefined) q.where('notice_id', filter.noticeId);
    if (filter.status !== undefined) q.where('status', filter.status);
    const rows = (await q.orderBy('id', 'desc').limit(limit)) as Row[];
    return rows.map(deliveryOfRow);
  }

  /** Every attempt of the given deliveries, oldest first, grouped by delivery id. */
  async attempts(deliveryIds: readonly number[]): Promise<Map<number, WebhookAttempt[]>> {
    const out = new Map<number, WebhookAttempt[]>(deliveryIds.map((id) => [id, []]));
    if (deliveryIds.length === 0) return out;
    const rows = (await from(this.conn, 'webhook_attempt')
      .select('*')
      .whereIn('delivery_id', [...deliveryIds])
      .orderBy(['delivery_id', 'attempt'])) as Row[];
    for (const r of rows) {
      out.get(Number(r.delivery_id))?.push({
        attempt: Number(r.attempt),
        at: String(r.at),
        statusCode: r.status_code === null ? null : Number(r.status_code),
        error: nullableText(r.error),
        durationMs: Number(r.duration_ms),
        nextAttemptAt: nullableText(r.next_attempt_at),
      });
    }
    return out;
  }

  /**
   * Claims up to `limit` pending deliveries due at `now`: each is leased until `leaseUntil` (its due time
   * moves there) by a conditional update, so two dispatchers on one store never attempt the same one, and
   * one that stopped mid-attempt frees it when the lease ends.
   */
  async claimDue(now: string, leaseUntil: string, limit: number): Promise<DueDelivery[]> {
    const due = (await from(this.conn, 'webhook_delivery')
      .select('id', 'next_attempt_at')
      .where('status', 'pending')
      .andWhere('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .limit(limit)) as Row[];
    const claimed: number[] = [];
    for (const d of due) {
      const n = await from(this.conn, 'webhook_delivery')
        .where({ id: d.id, status: 'pending', next_attempt_at: d.next_attempt_at })
        .update({ next_attempt_at: leaseUntil });
      if (n === 1) claimed.push(Number(d.id));
    }
    if (claimed.length === 0) return [];
    const rows = (await this.conn.knex
      .select('d.id as delivery_id', 'd.attempts', 's.webhook_url', 's.secret', 'n.*')
      .from(this.table('webhook_delivery', 'd'))
      .join(this.table('notice_subscription', 's'), 's.id', 'd.subscription_id')
      .join(this.table('notice', 'n'), 'n.id', 'd.notice_id')
      .whereIn('d.id', claimed)
      .orderBy('d.id')) as Row[];
    return rows.map((r) => ({
      id: Number(r.delivery_id),
      attempts: Number(r.attempts),
      url: String(r.webhook_url),
      secret: String(r.secret),
      notice: noticeOfRow(r),
    }));
  }

  /** One attempt and its consequence for the delivery, in one transaction. */
  async recordAttempt(
    deliveryId: number,
    attempt: WebhookAttempt,
    outcome: { status: DeliveryStatus; deliveredAt: string | null },
  ): Promise<void> {
    await this.conn.knex.transaction(async (trx) => {
      const conn = { ...this.conn, knex: trx };
      await from(conn, 'webhook_attempt').insert({
        delivery_id: deliveryId,
        attempt: attempt.attempt,
        at: attempt.at,
        status_code: attempt.statusCode,
        error: attempt.error,
        duration_ms: Math.round(attempt.durationMs),
        next_attempt_at: attempt.nextAttemptAt,
      });
      await from(conn, 'webhook_delivery').where('id', deliveryId).update({
        status: outcome.status,
        attempts: attempt.attempt,
        last_status_code: attempt.statusCode,
        last_error: attempt.error,
        next_attempt_at: attempt.nextAttemptAt,
        delivered_at: outcome.deliveredAt,
      });
    });
  }

  /** Gives a claimed delivery back without counting an attempt (the dispatcher stopped before it ended). */
  async release(deliveryId: number, dueAt: string): Promise<void> {
    await from(this.conn, 'webhook_delivery')
      .where({ id: deliveryId, status: 'pending' })
      .update({ next_attempt_at: dueAt });
  }

  /** The earliest due time of a pending delivery, or null when none is pending. */
  async nextDueAt(): Promise<string | null> {
    const row = (await from(this.conn, 'webhook_delivery')
      .where('status', 'pending')
      .min('next_attempt_at as next')
      .first()) as Row | undefined;
    return nullableText(row?.next);
  }

  private table(name: string, alias: string) {
    return this.conn.schema ? `${this.conn.schema}.${name} as ${alias}` : `${name} as ${alias}`;
  }
}

async function subscriptionsWhere(
  conn: SqlConnection,
  where: (q: ReturnType<typeof from>) => ReturnType<typeof from>,
): Promise<NoticeSubscription[]> {
  const rows = (await where(
    from(conn, 'notice_subscription').select(
      'id',
      'owner',
      'all_codes',
      'webhook_url',
      'created_at',
      'active',
      'cancelled_at',
    ),
  ).orderBy('id', 'desc')) as Row[];
  const ids = rows.map((r) => Number(r.id));
  const codes = new Map<number, string[]>();
  if (ids.length > 0) {
    const codeRows = (await from(conn, 'notice_subscription_code')
      .select('subscription_id', 'code')
      .whereIn('subscription_id', ids)
      .orderBy('code')) as Row[];
    for (const c of codeRows) {
      const id = Number(c.subscription_id);
      codes.set(id, [...(codes.get(id) ?? []), String(c.code)]);
    }
  }
  return rows.map((r) => ({
    id: Number(r.id),
    owner: String(r.owner),
    codes: r.all_codes ? null : (codes.get(Number(r.id)) ?? []),
    webhookUrl: nullableText(r.webhook_url),
    createdAt: String(r.created_at),
    active: Boolean(r.active),
    cancelledAt: nullableText(r.cancelled_at),
  }));
}

function noticeOfRow(r: Row): Notice {
  return {
    id: Number(r.id),
    kind: String(r.kind) as Notice['kind'],
    code: String(r.code),
    domain: String(r.domain),
    changeId: Number(r.change_id),
    version: r.version === null || r.version === undefined ? null : Number(r.version),
    actor: String(r.actor),
    at: String(r.at),
    note: String(r.note),
    affected: JSON.parse(String(r.affected)) as string[],
    recipients: JSON.parse(String(r.recipients)) as string[],
  };
}

function deliveryOfRow(r: Row): WebhookDelivery {
  return {
    id: Number(r.id),
    noticeId: Number(r.notice_id),
    subscriptionId: Number(r.subscription_id),
    status: String(r.status) as DeliveryStatus,
    attempts: Number(r.attempts),
    lastStatusCode: r.last_status_code === null ? null : Number(r.last_status_code),
    lastError: nullableText(r.last_error),
    nextAttemptAt: nullableText(r.next_attempt_at),
    createdAt: String(r.created_at),
    deliveredAt: nullableText(r.delivered_at),
  };
}

function nullableText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
