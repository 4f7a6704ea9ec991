import type { Identity } from '../../auth/authenticate';
import type { Viewer } from '../../auth/viewer';
import type { RefusalKind } from '../../audit/refusal-audit';
import type { HubRuntime } from '../../app/runtime';
import { logger } from '../../logger';
import { revalidate, CredentialsRefused } from '../guards/credentials';
import { HubCloseCode } from './close-codes';

/** One authenticated graphql-ws connection. */
export interface Session {
  readonly principal: string;
  readonly identity: Identity;
  viewer: Viewer;
  /** Active subscription ids (counted against the principal's cap). */
  readonly subscriptions: Set<string>;
  /** Ends the socket with a hub close code; the session is released when the socket closes. */
  close(kind: keyof typeof HubCloseCode | 'NO_ROLE', message: string): void;
  expiryTimer?: NodeJS.Timeout;
}

export type Admission<T> = { ok: true; value: T } | { ok: false; kind: RefusalKind; message: string };

/** Longest setTimeout delay Node accepts. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * WebSocket sessions held to HTTP's rules: per principal at most `maxConnections` open connections and
 * `maxSubscriptions` active subscriptions; a socket ends when its token's `exp` passes (a timer set at
 * exp, strict: no clock tolerance for a session already open) and when the people's home source records its
 * person as having left — every auth.personStatusCacheSeconds (at least every second) the rows of every
 * person with an open socket are read afresh in one statement and each viewer is resolved again.
 */
export class WsSessions {
  private readonly byPrincipal = new Map<string, { sessions: Set<Session>; subscriptions: number }>();
  private readonly hrTimer: NodeJS.Timeout;
  private checking = false;

  constructor(
    private readonly runtime: HubRuntime,
    private readonly settings: { maxConnectionsPerPrincipal: number; maxSubscriptionsPerPrincipal: number },
    /** Told about every session the hub ended (for the audit log). */
    private readonly onEnded: (session: Session, kind: RefusalKind, message: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.hrTimer = setInterval(
      () => void this.recheck(),
      Math.max(1, runtime.config.auth.personStatusCacheSeconds) * 1000,
    );
    this.hrTimer.unref();
  }

  /** Admits a connection of an authenticated viewer, or says why not. */
  open(identity: Identity, viewer: Viewer, close: Session['close']): Admission<Session> {
    const expiresAt = identity.kind === 'person' ? identity.expiresAt : undefined;
    if (expiresAt !== undefined && expiresAt * 1000 <= this.now()) {
      return { ok: false, kind: 'TOKEN_EXPIRED', message: 'the token has expired: connect with a new one.' };
    }
    const entry = this.byPrincipal.get(viewer.principal) ?? { sessions: new Set<Session>(), subscriptions: 0 };
    if (entry.sessions.size >= this.settings.maxConnectionsPerPrincipal) {
      return {
        ok: false,
        kind: 'TOO_MANY_CONNECTIONS',
        message: `at most ${this.settings.maxConnectionsPerPrincipal} open connections per principal (limits.websocket.maxConnectionsPerPrincipal).`,
      };
    }
    const session: Session = { principal: viewer.principal, identity, viewer, subscriptions: new Set(), close };
    entry.sessions.add(session);
    this.byPrincipal.set(viewer.principal, entry);
    if (expiresAt !== undefined) this.armExpiry(session, expiresAt * 1000);
    return { ok: true, value: session };
  }

  /** Counts a subscription against the principal's cap, or says why not. */
  subscribe(session: Session, id: string): Admission<void> {
    const expiresAt = session.identity.kind === 'person' ? session.identity.expiresAt : undefined;
    if (expiresAt !== undefined && expiresAt * 1000 <= this.now()) {
      this.end(session, 'TOKEN_EXPIRED', 'the token has expired: connect with a new one.');
      return { ok: false, kind: 'TOKEN_EXPIRED', message: 'The token has expired: connect with a new one.' };
    }
    const entry = this.byPrincipal.get(session.principal);
    if (!entry) return { ok: false, kind: 'INTERNAL', message: 'The connection is closing.' };
    if (entry.subscriptions >= this.settings.maxSubscriptionsPerPrincipal) {
      return {
        ok: false,
        kind: 'TOO_MANY_SUBSCRIPTIONS',
        message: `At most ${this.settings.maxSubscriptionsPerPrincipal} active subscriptions per principal (limits.websocket.maxSubscriptionsPerPrincipal): complete one first.`,
      };
    }
    session.subscriptions.add(id);
    entry.subscriptions += 1;
    return { ok: true, value: undefined };
  }

  /** A subscription ended (completed, refused after admission, or its socket closed). */
  unsubscribe(session: Session, id: string): void {
    if (!session.subscriptions.delete(id)) return;
    const entry = this.byPrincipal.get(session.principal);
    if (entry) entry.subscriptions -= 1;
  }

  /** The socket closed: its subscriptions and its connection no longer count. */
  closed(session: Session): void {
    clearTimeout(session.expiryTimer);
    for (const id of [...session.subscriptions]) this.unsubscribe(session, id);
    const entry = this.byPrincipal.get(session.principal);
    entry?.sessions.delete(session);
    if (entry && entry.sessions.size === 0) this.byPrincipal.delete(session.principal);
  }

  /** Open connections and active subscriptions of a principal (for tests and metrics). */
  usage(principal: string): { connections: number; subscriptions: number } {
    const entry = this.byPrincipal.get(principal);
    return { connections: entry?.sessions.size ?? 0, subscriptions: entry?.subscriptions ?? 0 };
  }

  dispose(): void {
    clearInterval(this.hrTimer);
    for (const entry of this.byPrincipal.values()) for (const s of entry.sessions) clearTimeout(s.expiryTimer);
  }

  private armExpiry(session: Session, at: number): void {
    const delay = at - this.now();
    if (delay > MAX_TIMER_MS) {
      session.expiryTimer = setTimeout(() => this.armExpiry(session, at), MAX_TIMER_MS);
    } else {
      session.expiryTimer = setTimeout(
        () => this.end(session, 'TOKEN_EXPIRED', 'the token has expired: reconnect with a new one.'),
        Math.max(0, delay),
      );
    }
    session.expiryTimer.unref();
  }

  private end(session: Session, kind: 'TOKEN_EXPIRED' | 'ACCESS_REVOKED' | 'NO_ROLE', message: string): void {
    this.onEnded(session, kind, message);
    session.close(kind, message);
  }

  /** Re-check of every person with an open socket: fresh rows, one statement, then each viewer again. */
  private async recheck(): Promise<void> {
    if (this.checking || this.byPrincipal.size === 0) return;
    this.checking = true;
    try {
      const sessions = [...this.byPrincipal.values()].flatMap((e) => [...e.sessions]);
      const people = [...new Set(sessions.flatMap((s) => (s.identity.kind === 'person' ? [s.identity.personId] : [])))];
      if (people.length) await this.runtime.org.refreshPeople(people);
      const verdicts = new Map<string, CredentialsRefused | Viewer>();
      for (const session of sessions) {
        if (session.identity.kind !== 'person') continue;
        if (!verdicts.has(session.principal)) {
          verdicts.set(
            session.principal,
            await revalidate(this.runtime, session.identity).catch((error: unknown) => {
              if (error instanceof CredentialsRefused) return error;
              throw error;
            }),
          );
        }
        const verdict = verdicts.get(session.principal)!;
        if (!(verdict instanceof CredentialsRefused)) continue;
        if (verdict.kind === 'INTERNAL') continue; // HR unreachable: keep the session, try again next time
        this.end(session, verdict.kind === 'NO_ROLE' ? 'NO_ROLE' : 'ACCESS_REVOKED', verdict.message);
      }
    } catch (error) {
      logger.warn(
        { err: error },
        'could not re-check the HR status of WebSocket sessions; trying again at the next interval',
      );
    } finally {
      this.checking = false;
    }
  }
}
