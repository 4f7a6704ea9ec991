import { RefusalAudit } from '../../audit/refusal-audit';
import type { HubRuntime } from '../../app/runtime';
import { PrincipalLimiter } from '../rate-limit';
import { ClientAddresses } from './client-address';
import { PreAuthGuard } from './pre-auth';
import { SharedRateStore } from './shared-rate-store';

/** What HTTP and WebSocket share: one client-address rule, one per-principal limiter, one refusal ledger. */
export interface Guards {
  addresses: ClientAddresses;
  limiter: PrincipalLimiter;
  refusals: RefusalAudit;
  preAuth: PreAuthGuard;
  /** Writes the refusals still counted (call after the server stopped taking requests). */
  close(): Promise<void>;
}

export function createGuards(runtime: HubRuntime): Guards {
  const { limits, server } = runtime.config;
  const addresses = new ClientAddresses(server.trustedProxies);
  // Keys: addresses before authentication, plus principals after it.
  const refusals = new RefusalAudit(runtime.audit, {
    intervalSeconds: limits.refusalAuditSeconds,
    maxUnwritten: limits.refusalAuditMaxUnwritten,
    maxKeys: limits.preAuth.maxAddresses * 2,
  });
  return {
    addresses,
    // With Redis configured the count is shared by every replica (./shared-rate-store.ts).
    limiter: new PrincipalLimiter(
      limits.rateLimit,
      undefined,
      undefined,
      runtime.shared ? new SharedRateStore(limits.rateLimit, runtime.shared) : undefined,
    ),
    refusals,
    // Verified credentials pass a spent throttle: a signature or digest check in memory, no statement.
    preAuth: new PreAuthGuard(limits.preAuth, refusals, addresses, (credentials) =>
      runtime.authenticator.authenticate(credentials).then(() => true),
    ),
    close: () => refusals.close(),
  };
}
