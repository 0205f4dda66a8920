/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- never shipped (package.json "files" is dist/ only): development tooling that runs on Node.js, outside n8n, and needs Node globals (process), Node built-ins and n8n-core */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { activeTrigger, testCredential } from './engine/executeNode';
import { makeUser, TEST_API_KEY } from './fake-api/server';
import { useFakeApi } from './helpers';

const { api, run } = useFakeApi();

const getUser = { resource: 'user', operation: 'get', username: 'tiktok' };

beforeEach(() => {
	api.reset({ users: [makeUser('tiktok', '107955')] });
});

describe('the key only goes to Pullbay', () => {
	let elsewhere: Server;
	let elsewhereUrl = '';
	const elsewhereRequests: Array<{ url?: string; authorization?: string }> = [];
	beforeAll(async () => {
		elsewhere = createServer((req, res) => {
			elsewhereRequests.push({ url: req.url, authorization: req.headers.authorization });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ success: true, data: [makeUser('tiktok', '1')] }));
		});
		await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
		elsewhereUrl = `http://localhost:${(elsewhere.address() as AddressInfo).port}`;
	});
	afterAll(async () => await new Promise((resolve) => elsewhere.close(resolve)));
	beforeEach(() => {
		elsewhereRequests.length = 0;
		api.override = (request) => ({ status: 302, raw: '', headers: { location: `${elsewhereUrl}${request.path}` } });
	});

	test('the node reports a redirect to another origin and does not follow it', async () => {
		const { items, error } = await run(getUser);

		expect(items).toEqual([]);
		expect(error?.message).toBe(`The Base URL redirected to ${elsewhereUrl}/api/tiktok/user/handle/tiktok`);
		expect(elsewhereRequests).toEqual([]);
	});

	test('the trigger does not follow it either', async () => {
		const { poll } = activeTrigger({ event: 'newPostByUser', userId: '1' }, { apiKey: TEST_API_KEY, baseUrl: api.baseUrl });

		await expect(poll()).rejects.toThrow(`The Base URL redirected to ${elsewhereUrl}`);
		expect(elsewhereRequests).toEqual([]);
	});

	test('the credential test does not follow it either', async () => {
		const result = await testCredential({ apiKey: TEST_API_KEY, baseUrl: api.baseUrl });

		expect(result.ok).toBe(false);
		expect(elsewhereRequests).toEqual([]);
	});
});

describe('the API key never leaks', () => {
	test('a key echoed in a result is redacted from the items', async () => {
		api.override = () => ({
			status: 200,
			body: { success: true, data: [{ ...makeUser('tiktok', '1'), bio: `token=${TEST_API_KEY}`, [TEST_API_KEY]: 1 }] },
		});

		const { items } = await run(getUser);

		expect(items[0].json.bio).toBe('token=[redacted]');
		expect(JSON.stringify(items)).not.toContain(TEST_API_KEY);
	});

	test('a key inside what came back is redacted from the message', async () => {
		api.override = () => ({
			status: 200,
			raw: `<html>your key ${TEST_API_KEY} is not valid here</html>`,
			headers: { 'content-type': 'text/html' },
		});

		const { error } = await run(getUser);

		expect(error?.description).toContain('your key [redacted] is not valid');
		expect(JSON.stringify(error)).not.toContain(TEST_API_KEY);
	});

	test('not in items, error messages, descriptions, execution data or logs, even when the API echoes it', async () => {
		const output: string[] = [];
		const capture = (...args: unknown[]) => {
			output.push(args.map(String).join(' '));
			return true;
		};
		const spies = [
			jest.spyOn(console, 'log').mockImplementation(capture),
			jest.spyOn(console, 'warn').mockImplementation(capture),
			jest.spyOn(console, 'error').mockImplementation(capture),
			jest.spyOn(console, 'info').mockImplementation(capture),
			jest.spyOn(console, 'debug').mockImplementation(capture),
			jest.spyOn(process.stdout, 'write').mockImplementation(capture),
			jest.spyOn(process.stderr, 'write').mockImplementation(capture),
		];
		const echo = (status: number) => (request: { headers: Record<string, unknown>; path: string }) => ({
			status,
			body: {
				status,
				message: `Rejected ${request.path} with ${String(request.headers.authorization)}`,
				success: false,
				error: { code: `KEY_${TEST_API_KEY}` },
				request: { headers: request.headers },
			},
			headers: { 'retry-after': '0' },
		});

		const texts: string[] = [];
		try {
			for (const status of [400, 401, 402, 404, 429, 503]) {
				api.override = echo(status);
				for (const onError of [undefined, 'continueRegularOutput', 'continueErrorOutput'] as const) {
					const result = await run(getUser, { onError });
					texts.push(JSON.stringify(result.items), JSON.stringify(result.errorItems));
					texts.push(result.error?.message ?? '', result.error?.description ?? '');
					texts.push(JSON.stringify(result.run));
				}
			}
			const network = await run(getUser, {
				credentials: { apiKey: TEST_API_KEY, baseUrl: `http://127.0.0.1:1/${TEST_API_KEY}` },
			});
			texts.push(network.error?.message ?? '', network.error?.description ?? '', JSON.stringify(network.run));
		} finally {
			spies.forEach((spy) => spy.mockRestore());
		}

		expect(texts.join('\n')).toContain('[redacted]');
		expect(texts.join('\n')).not.toContain(TEST_API_KEY);
		expect(output.join('\n')).not.toContain(TEST_API_KEY);
	});
});
