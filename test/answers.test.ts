/* eslint-disable @n8n/community-nodes/no-restricted-imports -- never shipped (package.json "files" is dist/ only): development tooling that runs on Node.js, outside n8n, and needs Node built-ins and n8n-core */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { activeTrigger, testCredential } from './engine/executeNode';
import { errorEnvelope, makePost, makeUser, many, TEST_API_KEY } from './fake-api/server';
import { ids, useFakeApi } from './helpers';

const { api, run } = useFakeApi();

const getUser = { resource: 'user', operation: 'get', username: 'tiktok' };
const allPosts = { resource: 'user', operation: 'getPosts', userId: '1', returnAll: true };

beforeEach(() => {
	api.reset({ users: [makeUser('tiktok', '107955')], userPosts: { '1': many(9, 'p', (id) => makePost(id)) } });
});

const answer = (raw: string, contentType = 'application/json') => () => ({
	status: 200,
	raw,
	headers: { 'content-type': contentType },
});

describe('only a Pullbay envelope counts as an answer', () => {
	test.each([
		['an HTML page from a proxy', answer('<html><body>Please log in to the Wi-Fi</body></html>', 'text/html'), 'text/html, starting "<html><body>Please log in'],
		['an empty body', answer(''), 'application/json, empty body'],
		['cut-off JSON', answer('{"status":200,"success":true,"data":[{"id":'), 'application/json, starting "{\\"status\\":200'],
		['a JSON array', answer('[{"id":"1"}]'), 'application/json, starting "[{\\"id\\":\\"1\\"}]"'],
		['a body without data', answer('{"status":200,"success":true}'), 'application/json, starting "{\\"status\\":200,\\"success\\":true}"'],
		['data as an object', answer('{"success":true,"data":{"id":"1"}}'), 'application/json'],
		['data as a string', answer('{"success":true,"data":"none"}'), 'application/json'],
		['data as null', answer('{"success":true,"data":null}'), 'application/json'],
		['data as [null]', answer('{"success":true,"data":[null]}'), 'application/json'],
	])('%s is an error naming what came back, never 0 items', async (_what, override, received) => {
		api.override = override;

		const { items, error } = await run(getUser);

		expect(items).toEqual([]);
		expect(error?.message).toBe('The Base URL answered, but not with a Pullbay response');
		expect(error?.description).toContain(`Received ${received}`);
		expect(error?.description).toContain('Check the Base URL in the Pullbay API credential');
		expect(api.requests).toHaveLength(1);
	});

	test('a key inside what came back is redacted from the message', async () => {
		api.override = answer(`<html>your key ${TEST_API_KEY} is not valid here</html>`, 'text/html');

		const { error } = await run(getUser);

		expect(error?.description).toContain('your key [redacted] is not valid');
		expect(JSON.stringify(error)).not.toContain(TEST_API_KEY);
	});

	test('with Continue On Fail, each item that got a bad answer becomes an error item', async () => {
		api.override = answer('<html></html>', 'text/html');

		const { items } = await run(getUser, { onError: 'continueRegularOutput', input: [{ json: {} }, { json: {} }] });

		expect(items).toHaveLength(2);
		expect(items.map((item) => item.json.error)).toEqual([
			'The Base URL answered, but not with a Pullbay response',
			'The Base URL answered, but not with a Pullbay response',
		]);
	});

	test('hasNextPage "false" (a string) ends the pull after one page', async () => {
		api.override = () => ({
			status: 200,
			body: { success: true, data: [makePost('a')], pagination: { hasNextPage: 'false', cursor: 'c3' } },
		});

		const { items } = await run(allPosts);

		expect(ids(items)).toEqual(['a']);
		expect(api.requests).toHaveLength(1);
	});

	test('results without an ID are recognised as repeats by content, so the pull ends', async () => {
		let page = 0;
		api.override = () => ({
			status: 200,
			body: {
				success: true,
				data: [{ title: 'a' }, { title: 'b' }, { title: 'c' }],
				pagination: { hasNextPage: true, cursor: `fresh${++page}` },
			},
		});

		const { items } = await run({ ...allPosts, options: { pagingStopItem: true } });

		expect(items.map((item) => item.json.title)).toEqual(['a', 'b', 'c', undefined]);
		expect(items[3].json.paginationStop).toMatchObject({ reason: 'emptyPage', pages: 2 });
		expect(api.requests).toHaveLength(2);
	});

	test('a 404 without a Pullbay error says the Base URL is probably wrong', async () => {
		api.override = () => ({ status: 404, raw: 'Cannot GET /wrong/tiktok/user/handle/tiktok', headers: { 'content-type': 'text/html' } });

		const { error } = await run(getUser);

		expect(error?.message).toBe('The Base URL answered 404 Not Found, without a Pullbay error: it is probably wrong');
		expect(error?.description).toContain('Received text/html, starting "Cannot GET');
	});

	test('a Pullbay 404 on search is not called "post search not found"', async () => {
		api.override = () => errorEnvelope(404, 'Not found', 'NOT_FOUND');

		const { error } = await run({ resource: 'post', operation: 'search', keyword: 'cats' });

		expect(error?.message).toBe('Not found on TikTok (Not found, NOT_FOUND)');
	});

	test('no answer within Request Options → Timeout says so and names the option', async () => {
		api.latencyMs = 1500;

		const { error } = await run({ ...getUser, requestOptions: { timeout: 300 } });

		expect(error?.message).toBe('Pullbay did not answer within 0.3 s');
		expect(error?.description).toContain("this node's Request Options → Timeout");
		expect(error?.description).not.toContain('Check the Base URL');
	});
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

	test('a key echoed in a result is redacted from the items', async () => {
		api.override = () => ({
			status: 200,
			body: { success: true, data: [{ ...makeUser('tiktok', '1'), bio: `token=${TEST_API_KEY}`, [TEST_API_KEY]: 1 }] },
		});

		const { items } = await run(getUser);

		expect(items[0].json.bio).toBe('token=[redacted]');
		expect(JSON.stringify(items)).not.toContain(TEST_API_KEY);
	});

	test.each([
		['a leading space', ` ${TEST_API_KEY}`],
		['a pasted "Bearer " prefix', `Bearer ${TEST_API_KEY}`],
		['a trailing newline', `${TEST_API_KEY}\n`],
	])('a key with %s is sent as the bare key', async (_what, apiKey) => {
		api.override = undefined;

		const { items } = await run(getUser, { credentials: { apiKey, baseUrl: api.baseUrl } });

		expect(ids(items)).toEqual(['107955']);
		expect(api.requests[0].headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
	});

	test('a Base URL with spaces around it requests the right path', async () => {
		api.override = undefined;

		const { items } = await run(getUser, { credentials: { apiKey: TEST_API_KEY, baseUrl: ` ${api.baseUrl}/ ` } });

		expect(ids(items)).toEqual(['107955']);
		expect(api.requests[0].path).toBe('/api/tiktok/user/handle/tiktok');
	});
});

describe('inputs that look alike are told apart', () => {
	test('@1234567 is a handle (looked up); 1234567 is a user ID', async () => {
		api.reset({ users: [makeUser('1234567', '42')], userPosts: { '42': [makePost('a')], '1234567': [makePost('b')] } });

		const { items } = await run(
			{ resource: 'user', operation: 'getPosts', userId: '={{ $json.user }}', limit: 5 },
			{ input: [{ json: { user: '@1234567' } }, { json: { user: '1234567' } }] },
		);

		expect(ids(items)).toEqual(['a', 'b']);
		expect(api.requests.map((request) => request.path).sort()).toEqual([
			'/api/tiktok/user/1234567/posts',
			'/api/tiktok/user/42/posts',
			'/api/tiktok/user/handle/1234567',
		]);
	});

	test('handles differing only in case cost one lookup', async () => {
		api.reset({ users: [makeUser('tiktok', '1')], userPosts: { '1': [makePost('a')] } });

		const { items } = await run(
			{ resource: 'user', operation: 'getPosts', userId: '={{ $json.user }}', limit: 5 },
			{ input: [{ json: { user: 'TikTok' } }, { json: { user: '@tiktok' } }] },
		);

		expect(items).toHaveLength(2);
		expect(api.requests.filter((request) => request.path.includes('/handle/'))).toHaveLength(1);
	});

	test.each([
		['Post', { resource: 'post', operation: 'get', postId: '={{ 7636131611674692894 }}' }],
		['Comment ID', { resource: 'comment', operation: 'getReplies', postId: '1', commentId: '={{ 7636187917325304607 }}' }],
		['User', { resource: 'user', operation: 'getPosts', userId: '={{ 9007199254740993 }}' }],
	])('a %s that arrives as a number beyond 2^53 is refused before any request', async (label, parameters) => {
		const { error } = await run(parameters);

		expect(error?.message).toMatch(new RegExp(`^Invalid ${label} \\d+: it arrived as a number too large to keep all its digits`));
		expect(error?.message).toContain('Pass IDs as text');
		expect(api.requests).toHaveLength(0);
	});

	test('a Post ID that arrives as a safe number is accepted', async () => {
		api.reset({ userPosts: { '1': [makePost('123456')] } });

		const { items } = await run({ resource: 'post', operation: 'get', postId: '={{ 123456 }}' });

		expect(ids(items)).toEqual(['123456']);
	});
});
