/**
 * Jest configuration of the learner's grading run (`npm run grade`, see scripts/grade.mjs):
 * only the grade suites in tests/exercises/grade, which load the files in exercises/.
 * They are not part of `npm test` (jest.config.js matches *.test.ts only).
 */
module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/tests/exercises/grade'],
  testMatch: ['**/*.grade.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    '^seqmodels$': '<rootDir>/lib/src/index.ts',
    '^seqmodels/internals$': '<rootDir>/lib/src/internals.ts',
    '^seqmodels/env$': '<rootDir>/lib/src/env.ts',
  },
  testTimeout: 60000,
};
