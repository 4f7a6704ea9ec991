/**
 * Jest as Stryker runs it (stryker.config.mjs): the security tests that need no database server, so each
 * mutant is judged in seconds. No global setup (it seeds PostgreSQL and MariaDB). The window property test
 * (test/security/windows-property.test.ts, a minute per run) stays in `npm test`: here release.ts is judged
 * by test/unit/engine/release.test.ts against an in-memory log with the store's contract.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: [
    '<rootDir>/test/unit/engine/query-sets.test.ts',
    '<rootDir>/test/unit/engine/estimate.test.ts',
    '<rootDir>/test/unit/engine/release.test.ts',
    '<rootDir>/test/unit/engine/disclosure.test.ts',
    '<rootDir>/test/unit/auth/*.test.ts',
    '<rootDir>/test/unit/server/in-flight.test.ts',
    '<rootDir>/test/unit/server/in-flight-queue.test.ts',
    '<rootDir>/test/unit/resolvers/permissions.test.ts',
    '<rootDir>/test/audit/record.test.ts',
  ],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFilesAfterEnv: ['<rootDir>/test/support/fail-on-console.ts'],
  testTimeout: 300000,
  maxWorkers: 1,
};
