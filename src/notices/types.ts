import type { LifecycleEvent } from '../governance/types';

/** A lifecycle event as it is kept and told: the event plus its notice id. Its inbox addresses
 *  (`recipients`: `person:…`, `unit:…`, `role:…`, `principal:…`) serve visibility, never returned. */
export interface Notice extends LifecycleEvent {
  id: number;
  /** Whether the viewer has marked it read (inbox only; false when pushed). */
  read?: boolean;
}

export function noticeOf(id: number, event: LifecycleEvent): Notice {
  return {
    id,
    kind: event.kind,
    code: event.code,
    domain: event.domain,
    changeId: event.changeId,
    version: event.version,
    actor: event.actor,
    at: event.at,
    note: event.note,
    affected: [...event.affected],
    recipients: [...event.recipients],
  };
}

/** Registered interest. The webhook secret is kept in the store and never leaves it through this type. */
export interface NoticeSubscription {
  id: number;
  owner: string;
  /** null = every code. */
  codes: string[] | null;
  webhookUrl: string | null;
  createdAt: string;
  active: boolean;
  cancelledAt: string | null;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

export interface WebhookAttempt {
  attempt: number;
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** When the next attempt was scheduled after this one; null when none was (delivered or given up). */
  nextAttemptAt: string | null;
}

export interface WebhookDelivery {
  id: number;
  noticeId: number;
  subscriptionId: number;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** What the dispatcher needs for one attempt (secret included: it signs, it never logs or returns it). */
export interface DueDelivery {
  id: number;
  attempts: number;
  url: string;
  secret: string;
  notice: Notice;
}
