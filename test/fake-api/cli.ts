/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- never shipped (package.json "files" is dist/ only): development tooling that runs on Node.js, outside n8n, and needs Node globals (timers, process), console output */
/**
 * The fake Pullbay API as a standalone server, for real n8n to call:
 *   node .build/test/fake-api/cli.js [port]
 * It serves seedData() with pages of 100 results and the key TEST_API_KEY; GET (or DELETE)
 * /__admin/requests reads (or clears) the requests it received.
 */
import { TEST_API_KEY } from './server';
import { startSeededApi } from './seed';

async function main() {
	const { baseUrl } = await startSeededApi(Number(process.argv[2] ?? 0));
	console.log(JSON.stringify({ baseUrl, apiKey: TEST_API_KEY }));
}

void main();
