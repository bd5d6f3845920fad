/** One run for every tier: unit (domain/), workflow (time-skipping server), e2e (dev server). */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // Kysely 0.29 and jose 6 ship ES modules only, which Jest's module system cannot require()
    // (Node can): compiled to CommonJS once, then cached.
    '/node_modules/(kysely|jose)/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', isolatedModules: true }, diagnostics: false }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(kysely|jose)/)'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  testTimeout: 120_000,
  // 2 cores: a Temporal server, a worker and jest share them.
  maxWorkers: 2,
};
