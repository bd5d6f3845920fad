/** One run for every tier: unit (domain/), workflow (time-skipping server), e2e (dev server). */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  testTimeout: 120_000,
  // 2 cores: a Temporal server, a worker and jest share them.
  maxWorkers: 2,
};
