/** Jest: TypeScript through ts-jest; the library is tested from its sources. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    '^seqmodels$': '<rootDir>/lib/src/index.ts',
    '^seqmodels/internals$': '<rootDir>/lib/src/internals.ts',
    '^seqmodels/env$': '<rootDir>/lib/src/env.ts',
  },
  testTimeout: 120000,
};
