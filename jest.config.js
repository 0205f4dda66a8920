/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// test/e2e drives a real n8n install: `npm run test:e2e`.
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: {
		// Type checking is `npm run typecheck`; here ts-jest only transpiles, which keeps runs fast.
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	// A cold n8n-core import takes several seconds.
	testTimeout: 60000,
};
