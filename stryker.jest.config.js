/**
 * Jest as Stryker runs it (stryker.config.mjs): the security tests that need no database server, so each
 * mutant is judged in seconds. No global setup (it seeds PostgreSQL and MariaDB); the property test opens
 * its own embedded store.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: [
    '<rootDir>/test/unit/engine/query-sets.test.ts',
    '<rootDir>/test/unit/engine/estimate.test.ts',
    '<rootDir>/test/security/windows-property.test.ts',
  ],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFilesAfterEnv: ['<rootDir>/test/support/fail-on-console.ts'],
  testTimeout: 300000,
  maxWorkers: 1,
};
