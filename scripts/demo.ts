/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- never shipped (package.json "files" is dist/ only): development tooling that runs on Node.js, outside n8n, and needs Node globals (timers, process), console output */
/**
 * Runs the Pullbay TikTok node through n8n's execution engine and prints the items it returns.
 *
 *   npm run demo                                   # against a local fake API, no key needed
 *   PULLBAY_API_KEY=... npm run demo -- resource=user operation=get username=tiktok
 *
 * Parameters are node parameters as `name=value`; `options.region=US` sets an option.
 * With PULLBAY_API_KEY set the call goes to PULLBAY_BASE_URL (default: the real API) and may cost credits.
 */
import type { INodeParameters } from 'n8n-workflow';

import { executeNode } from '../test/engine/executeNode';
import { TEST_API_KEY, type FakePullbayApi } from '../test/fake-api/server';
import { startSeededApi } from '../test/fake-api/seed';

function parseParameters(args: string[]): INodeParameters {
	const parameters: INodeParameters = {};
	for (const arg of args) {
		const [path, ...rest] = arg.split('=');
		const raw = rest.join('=');
		const value = raw === 'true' ? true : raw === 'false' ? false : /^\d+$/.test(raw) && path === 'limit' ? Number(raw) : raw;
		const [head, tail] = path.split('.');
		if (tail) parameters[head] = { ...((parameters[head] as INodeParameters) ?? {}), [tail]: value };
		else parameters[head] = value;
	}
	return parameters;
}

async function main() {
	const args = process.argv.slice(2);
	const apiKey = process.env.PULLBAY_API_KEY;
	let fake: FakePullbayApi | undefined;
	let baseUrl = process.env.PULLBAY_BASE_URL ?? 'https://dashboard.pullbay.com/api';
	if (!apiKey) {
		fake = await startSeededApi();
		baseUrl = fake.baseUrl;
		console.log(`No PULLBAY_API_KEY set: using the local fake API at ${baseUrl}\n`);
	}

	const runs: INodeParameters[] = args.length
		? [parseParameters(args)]
		: [
				{ resource: 'user', operation: 'get', username: 'tiktok' },
				{ resource: 'user', operation: 'getPosts', userId: '107955', returnAll: true },
			];
	let failed = false;
	for (const parameters of runs) {
		const { items, error } = await executeNode({
			parameters,
			credentials: { apiKey: apiKey ?? TEST_API_KEY, baseUrl },
		});
		console.log(`== ${JSON.stringify(parameters)}`);
		if (error) {
			failed = true;
			console.log(`Error: ${error.message}\n${error.description ?? ''}`);
		} else {
			console.log(`${items.length} item(s)${items.length > 3 ? ', the first 3:' : ':'}`);
			for (const item of items.slice(0, 3)) console.log(JSON.stringify(item.json));
		}
		if (fake) {
			const requests = fake.requests.map((r) => `${r.path}?${new URLSearchParams(r.query)}`);
			console.log(`Requests the API received: ${requests.join(', ')}`);
		}
		fake?.requests.splice(0);
		console.log();
	}
	await fake?.stop();
	process.exitCode = failed ? 1 : 0;
}

void main();
