/** Jest: TypeScript through ts-jest; the library is tested from its sources. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: { '^seqmodels$': '<rootDir>/lib/src/index.ts' },
  testTimeout: 120000,
};
