import type { Logger } from 'pino';
import type { Viewer } from '../auth/viewer';
import type { HubConfig } from '../config/schema';
import { badInput, HubError } from '../errors';
import { storeIdOf } from '../values/store-id';
import type { LifecycleEvent } from '../governance/types';
import type { SqlConnection } from '../db/connection';
import { insertNotice, NoticeStore } from './notice-store';
import { addressesOf } from './addresses';
import { WebhookAllowList } from './allow-list';
import { HubAddresses } from './hub-address';
import { checkInterest } from './interest';
import { NoticeBus } from './notice-bus';
import { noticeOf, type Notice, type NoticeSubscription, type WebhookAttempt, type WebhookDelivery } from './types';
import { mayReceive } from './visibility';
import { WebhookDispatcher } from './webhooks';
import { systemResolve, type Resolve } from './pinned-target';

/** Where the lifecycle service tells what happened (src/governance). */
export interface NoticeSink {
  /** Inside the lifecycle transaction (`conn` is bound to it): writes the notice, one inbox row per recipient address, and one pending webhook delivery per matching registered subscription. Returns the notice id. */
  record(conn: SqlConnection, event: LifecycleEvent): Promise<number>;
  /** After the transaction committed: push to graphql-ws subscribers and wake the webhook dispatcher. */
  published(event: LifecycleEvent, noticeId: number): void;
  close(): Promise<void>;
}

export type NoticesConfig = HubConfig['notices'];

export const MAX_INBOX_PAGE = 500;
const MAX_MARK_READ = 1000;

/**
 * Notices of indicator governance: the sink the lifecycle service writes to, and what the API reads —
 * the inbox (notices addressed to the viewer), registered interest (subscriptions, optionally with a
 * signed webhook), webhook deliveries, and the live stream behind Subscription.indicatorNotices.
 */
export class NoticeCenter implements NoticeSink {
  readonly allowList: WebhookAllowList;
  private readonly store: NoticeStore;
  private readonly bus: NoticeBus;
  private readonly dispatcher: WebhookDispatcher;

  /** `listen`: the hub's configured address, never a webhook target (the server adds the port it binds: hubListensOn).
   *  `resolve`: how webhook hosts become addresses (the system resolver; tests inject one). */
  constructor(
    conn: SqlConnection,
    config: NoticesConfig,
    log: Logger,
    listen?: { host: string; port: number },
    resolve: Resolve = systemResolve,
  ) {
    this.store = new NoticeStore(conn);
    const hub = new HubAddresses();
    if (listen) hub.add(listen.host, listen.port);
    this.allowList = new WebhookAllowList(config.webhooks.allowList, hub, config.webhooks.internalPortWildcards);
    this.bus = new NoticeBus(config.subscriberQueueSize);
    this.dispatcher = new WebhookDispatcher(
      this.store,
      this.allowList,
      config.webhooks,
      log.child({ component: 'webhooks' }),
      resolve,
    );
  }

  /** The server bound `host:port`: from now on no webhook may target it. */
  hubListensOn(host: string, port: number): void {
    this.allowList.hub.add(host, port);
  }

  /** Begins delivering webhooks, those a previous run left pending first. */
  start(): void {
    this.dispatcher.start();
  }

  async record(conn: SqlConnection, event: LifecycleEvent): Promise<number> {
    return (await insertNotice(conn, event, new Date().toISOString())).id;
  }

  published(event: LifecycleEvent, noticeId: number): void {
    const notice = noticeOf(noticeId, event);
    this.bus.publish(notice);
    this.relay?.(notice);
    this.dispatcher.wake();
  }

  /** Where this process's notices also go: the other replicas' subscribers (src/app/replicas.ts). */
  relay: ((notice: Notice) => void) | undefined;

  /** A notice another replica published: to this process's live subscribers (its inbox rows are in the store). */
  fromReplica(notice: Notice): void {
    this.bus.publish(notice);
  }

  async close(): Promise<void> {
    this.bus.close();
    await this.dispatcher.close();
  }

  /** Notices addressed to the viewer (person, organisation unit, role, subscriptions they own), newest first. */
  async inbox(
    viewer: Viewer,
    page: { unreadOnly?: boolean | null; limit?: number | null; offset?: number | null },
  ): Promise<Notice[]> {
    const limit = page.limit ?? 50;
    const offset = page.offset ?? 0;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_INBOX_PAGE)
      throw badInput(`limit must be from 1 to ${MAX_INBOX_PAGE}, got ${limit}.`, { argument: 'limit' });
    if (!Number.isInteger(offset) || offset < 0)
      throw badInput(`offset must be 0 or more, got ${offset}.`, { argument: 'offset' });
    return this.store.inbox({
      addresses: addressesOf(viewer),
      principal: viewer.principal,
      unreadOnly: page.unreadOnly ?? false,
      limit,
      offset,
    });
  }

  /** Marks notices of the viewer's inbox read (for this viewer only); ids not in it are ignored. Returns how many are read now. */
  async markRead(viewer: Viewer, ids: readonly string[]): Promise<number> {
    if (ids.length > MAX_MARK_READ)
      throw badInput(`At most ${MAX_MARK_READ} ids at once, got ${ids.length}.`, { argument: 'ids' });
    return this.store.markRead(
      viewer.principal,
      addressesOf(viewer),
      ids.map((id) => idOf(id, 'ids')),
      new Date().toISOString(),
    );
  }

  async register(
    viewer: Viewer,
    input: { codes?: readonly string[] | null; webhookUrl?: string | null; secret?: string | null },
  ): Promise<NoticeSubscription> {
    const interest = checkInterest(input, this.allowList);
    return this.store.createSubscription({ owner: viewer.principal, ...interest, now: new Date().toISOString() });
  }

  /** Cancels one of the viewer's subscriptions (pending deliveries are cancelled too). */
  async cancel(viewer: Viewer, id: string): Promise<NoticeSubscription> {
    const cancelled = await this.store.cancelSubscription(idOf(id, 'id'), viewer.principal, new Date().toISOString());
    if (!cancelled) throw new HubError('NOT_FOUND', `You have no notice subscription ${id}.`, { argument: 'id' });
    return cancelled;
  }

  /** The viewer's subscriptions; every owner's for auditors who ask for them. */
  async subscriptions(viewer: Viewer, allOwners: boolean): Promise<NoticeSubscription[]> {
    if (allOwners && !viewer.operations.has('audit')) {
      throw new HubError(
        'FORBIDDEN',
        "Only auditors may list every owner's notice subscriptions: leave allOwners out for your own.",
        { reason: 'AUDITORS_ONLY', argument: 'allOwners' },
      );
    }
    return this.store.subscriptions(allOwners ? undefined : viewer.principal);
  }

  /**
   * Registered interest in any of `codes`, for the impact report (src/governance/impact.ts
   * RegisteredInterest): each active subscription with the codes it named among them (all of them for
   * an every-code subscription).
   */
  async registeredInterest(codes: string[]): Promise<Array<{ id: string; owner: string; codes: string[] }>> {
    const asked = new Set(codes);
    return (await this.store.interestIn(codes)).map((s) => ({
      id: String(s.id),
      owner: s.owner,
      codes: s.codes === null ? [...codes] : s.codes.filter((c) => asked.has(c)),
    }));
  }

  /** Deliveries of a subscription the caller already holds (its owner's or an auditor's listing), newest first. */
  async deliveries(subscriptionId: number, limit: number): Promise<WebhookDelivery[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_INBOX_PAGE)
      throw badInput(`limit must be from 1 to ${MAX_INBOX_PAGE}, got ${limit}.`, { argument: 'limit' });
    return this.store.deliveries({ subscriptionId }, limit);
  }

  attempts(deliveryIds: readonly number[]): Promise<Map<number, WebhookAttempt[]>> {
    return this.store.attempts(deliveryIds);
  }

  /**
   * The live stream for one viewer: notices they may receive (see mayReceive), affecting one of `codes`
   * when given. Ends on return() or shutdown.
   */
  stream(
    viewer: Viewer,
    codes: readonly string[] | null,
    isPublished: (code: string) => boolean,
  ): AsyncIterableIterator<Notice> {
    const wanted = codes && codes.length > 0 ? new Set(codes) : null;
    return this.bus.subscribe(
      (n) => (!wanted || n.affected.some((c) => wanted.has(c))) && mayReceive(viewer, n, isPublished),
    );
  }
}

/** Creates the notice center on the hub store's connection and starts its webhook dispatcher. */
export function createNoticeCenter(
  store: SqlConnection,
  config: NoticesConfig,
  log: Logger,
  listen?: { host: string; port: number },
): NoticeCenter {
  const center = new NoticeCenter(store, config, log, listen);
  center.start();
  return center;
}

function idOf(id: string, argument: string): number {
  const n = storeIdOf(id);
  if (n === null) throw badInput(`"${String(id).slice(0, 40)}" is not a notice id.`, { argument });
  return n;
}
