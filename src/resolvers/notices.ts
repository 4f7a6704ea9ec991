import DataLoader from 'dataloader';
import type {
  MutationResolvers,
  NoticeSubscriptionResolvers,
  QueryResolvers,
  SubscriptionResolvers,
  WebhookDeliveryResolvers,
} from '../generated/graphql';
import type { HubContext } from '../app/context';
import type { Notice, WebhookAttempt } from '../notices/types';
import { perRequest } from './per-request';

/**
 * Notices through the API (src/notices): the inbox, registered interest and its webhook deliveries, and
 * the live stream. Permissions: policy.yaml (Query.noticeInbox, Mutation.registerNoticeSubscription, …);
 * who sees which notice is decided in src/notices (addresses, visibility), never here.
 */
export const noticeQueries: Pick<QueryResolvers, 'noticeInbox' | 'noticeSubscriptions'> = {
  noticeInbox: (_p, args, ctx) => ctx.runtime.notices.inbox(ctx.viewer, args),
  noticeSubscriptions: (_p, args, ctx) => ctx.runtime.notices.subscriptions(ctx.viewer, args.allOwners ?? false),
};

export const noticeMutations: Pick<
  MutationResolvers,
  'registerNoticeSubscription' | 'cancelNoticeSubscription' | 'markNoticesRead'
> = {
  registerNoticeSubscription: (_p, args, ctx) => ctx.runtime.notices.register(ctx.viewer, args),
  cancelNoticeSubscription: (_p, args, ctx) => ctx.runtime.notices.cancel(ctx.viewer, args.id),
  markNoticesRead: (_p, args, ctx) => ctx.runtime.notices.markRead(ctx.viewer, args.ids),
};

/**
 * `subscribe` only, no `resolve`: graphql-middleware (under graphql-shield) wraps `resolve` when a field
 * has one and `subscribe` only when it has none — so the policy is checked when the stream is opened,
 * not merely per event. The default resolver then reads `indicatorNotices` from each payload.
 */
export const noticeSubscriptions: Pick<SubscriptionResolvers, 'indicatorNotices'> = {
  indicatorNotices: {
    subscribe: (_p, args, ctx) => {
      const runtime = ctx.runtime;
      const stream = runtime.notices.stream(
        ctx.viewer,
        args.codes ?? null,
        (code) => runtime.dictionary.get(code) !== undefined,
      );
      return payloads(stream) as never;
    },
  },
};

export const IndicatorNoticeType = {
  read: (n: Notice) => n.read ?? false,
};

export const NoticeSubscriptionType: NoticeSubscriptionResolvers = {
  deliveries: (s, args, ctx) => ctx.runtime.notices.deliveries(s.id, args.limit ?? 20),
};

export const WebhookDeliveryType: WebhookDeliveryResolvers = {
  attemptLog: (d, _a, ctx) => attemptLoader(ctx).load(d.id),
};

/** Attempts of every delivery the request lists, in one statement. */
function attemptLoader(ctx: HubContext): DataLoader<number, WebhookAttempt[]> {
  return perRequest(
    ctx,
    'notices:attempts',
    () =>
      new DataLoader<number, WebhookAttempt[]>(async (ids) => {
        const byId = await ctx.runtime.notices.attempts(ids);
        return ids.map((id) => byId.get(id) ?? []);
      }),
  );
}

/** Each notice as the payload graphql-js reads the field from; return() reaches the bus subscriber. */
function payloads(stream: AsyncIterableIterator<Notice>): AsyncIterableIterator<{ indicatorNotices: Notice }> {
  const iterator: AsyncIterableIterator<{ indicatorNotices: Notice }> = {
    next: async () => {
      const r = await stream.next();
      return r.done ? { value: undefined, done: true } : { value: { indicatorNotices: r.value }, done: false };
    },
    return: async () => {
      await stream.return?.();
      return { value: undefined, done: true };
    },
    throw: async (error?: unknown) => {
      await stream.return?.();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
