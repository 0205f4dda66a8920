import { useFakeApi } from './helpers';
import { errorEnvelope, makePost, makeUser, many, TEST_API_KEY } from './fake-api/server';

const { api, run } = useFakeApi();

const getUser = { resource: 'user', operation: 'get', username: 'tiktok' };
const allPosts = { resource: 'user', operation: 'getPosts', userId: '1', returnAll: true };

beforeEach(() => {
	api.reset({ users: [makeUser('tiktok', '107955')], userPosts: { '1': many(9, 'p', (id) => makePost(id)) } });
});

describe('API errors surface as node errors that say what happened and what to do', () => {
	test.each([
		[400, 'Bad request', 'BAD_REQUEST', 'Pullbay rejected the request as invalid (Bad request, BAD_REQUEST)', "Check the node's fields"],
		[401, 'Invalid API key', 'UNAUTHORIZED', 'Pullbay did not accept the API key (Invalid API key, UNAUTHORIZED)', 'Check the API key in the Pullbay API credential'],
		[402, 'Insufficient credits', 'PAYMENT_REQUIRED', 'The Pullbay account is out of credits (Insufficient credits, PAYMENT_REQUIRED)', 'Top up credits'],
		[404, 'User not found', 'NOT_FOUND', 'The TikTok user @tiktok was not found (User not found, NOT_FOUND)', 'may be private or deleted'],
	])('HTTP %i: one request, never re-sent (n8n\'s re-send after a 401 included)', async (status, apiMessage, code, message, advice) => {
		api.override = () => errorEnvelope(status, apiMessage, code);

		const { items, error } = await run(getUser);

		expect(items).toEqual([]);
		expect(error?.message).toBe(message);
		expect(error?.description).toContain(advice);
		expect(error?.description).toContain(`HTTP ${status}.`);
		expect(error?.httpCode).toBe(String(status));
		expect(api.requests).toHaveLength(1);
	});

	test.each([
		['post', { resource: 'post', operation: 'get', postId: '42' }, 'The TikTok post 42 was not found'],
		['post by URL', { resource: 'post', operation: 'getByUrl', postUrl: 'https://www.tiktok.com/@a/video/42' }, 'No TikTok post was found at https://www.tiktok.com/@a/video/42'],
		['comments', { resource: 'comment', operation: 'getAll', postId: '42' }, 'The TikTok post 42 was not found'],
		['replies', { resource: 'comment', operation: 'getReplies', postId: '42', commentId: '7' }, 'The comment 7 on TikTok post 42 was not found'],
		['hashtag', { resource: 'hashtag', operation: 'get', hashtagName: 'nope' }, 'The hashtag #nope was not found'],
		['user posts', { resource: 'user', operation: 'getPosts', userId: '999' }, 'No TikTok user has the ID 999'],
	])('a 404 on %s names what was not found', async (_what, parameters, message) => {
		const { error } = await run(parameters);
		expect(error?.message.startsWith(message)).toBe(true);
	});

	test('HTTP 200 with success: false is an error, not zero items', async () => {
		api.override = () => ({
			status: 200,
			body: { status: 402, message: 'Insufficient credits', success: false, error: { code: 'PAYMENT_REQUIRED' } },
		});
		const { items, error } = await run(getUser);

		expect(items).toEqual([]);
		expect(error?.message).toBe('The Pullbay account is out of credits (Insufficient credits, PAYMENT_REQUIRED)');
	});

	test('an unreachable API is a network error pointing at the Base URL', async () => {
		const { error } = await run(getUser, {
			credentials: { apiKey: TEST_API_KEY, baseUrl: 'http://127.0.0.1:1/api' },
		});

		expect(error?.message).toBe('Could not reach Pullbay');
		expect(error?.description).toContain('(ECONNREFUSED: ');
		expect(error?.description).toContain('Check the Base URL in the Pullbay API credential');
	});

	test('no answer within Request Options → Timeout says so and names the option', async () => {
		api.latencyMs = 1500;

		const { error } = await run({ ...getUser, requestOptions: { timeout: 300 } });

		expect(error?.message).toBe('Pullbay did not answer within 0.3 s');
		expect(error?.description).toContain("this node's Request Options → Timeout");
		expect(error?.description).not.toContain('Check the Base URL');
	});

	test('a Pullbay 404 on search is not called "post search not found"', async () => {
		api.override = () => errorEnvelope(404, 'Not found', 'NOT_FOUND');

		const { error } = await run({ resource: 'post', operation: 'search', keyword: 'cats' });

		expect(error?.message).toBe('Not found on TikTok (Not found, NOT_FOUND)');
	});

	test('a 404 not in the form Pullbay uses says the Base URL is probably wrong', async () => {
		api.override = () => ({ status: 404, raw: 'Cannot GET /wrong/tiktok/user/handle/tiktok', headers: { 'content-type': 'text/html' } });

		const { error } = await run(getUser);

		expect(error?.message).toBe('The Base URL answered 404 Not Found, not in the form Pullbay uses: it is probably wrong');
		expect(error?.description).toContain('Received text/html, starting "Cannot GET');
	});
});

describe('429 and 5xx are retried with backoff, 5 and 3 times', () => {
	const failFirst = (times: number, status: number, headers?: Record<string, string>) => {
		let failures = 0;
		api.override = () =>
			failures++ < times ? { ...errorEnvelope(status, 'Try later', 'BUSY'), headers } : undefined;
	};

	test('a 429 with Retry-After is retried and then succeeds', async () => {
		failFirst(2, 429, { 'retry-after': '0' });

		const { items, error } = await run(getUser);

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(['107955']);
		expect(api.requests).toHaveLength(3);
	});

	test('a 503 without Retry-After waits with backoff, then succeeds', async () => {
		failFirst(1, 503);
		const started = Date.now();

		const { error } = await run(getUser);

		expect(error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(450);
		expect(api.requests).toHaveLength(2);
	});

	test('Retry-After as an HTTP date is honoured', async () => {
		failFirst(1, 429, { 'retry-after': new Date(Date.now() - 1000).toUTCString() });
		const { error } = await run(getUser);
		expect(error).toBeUndefined();
		expect(api.requests).toHaveLength(2);
	});

	test('a 429 is retried 5 times, then the node fails with the tries, the time and where Batching is', async () => {
		failFirst(10, 429, { 'retry-after': '0' });

		const { error } = await run(getUser);

		expect(error?.message).toBe('Pullbay is rate limiting this API key (Try later, BUSY)');
		expect(error?.description).toMatch(/Tried 6 times over \d+(\.\d)? s\. HTTP 429\.$/);
		expect(error?.description).toContain('Request Options → Batching');
		expect(api.requests).toHaveLength(6);
	});

	test('a 500 that persists fails as a server error', async () => {
		failFirst(10, 500, { 'retry-after': '0' });
		const { error } = await run(getUser);
		expect(error?.message).toBe('Pullbay could not complete the request on its side (Try later, BUSY)');
		expect(api.requests).toHaveLength(4);
	});

	test('retries happen per page, not from the start of the pull', async () => {
		api.pageSize = 3;
		let failed = false;
		api.override = (request) => {
			if (request.query.cursor !== 'c3' || failed) return undefined;
			failed = true;
			return { ...errorEnvelope(502, 'Bad gateway', 'BAD_GATEWAY'), headers: { 'retry-after': '0' } };
		};

		const { items } = await run(allPosts);

		expect(items).toHaveLength(9);
		expect(api.requests.map((request) => request.query.cursor ?? 'first')).toEqual(['first', 'c3', 'c3', 'c6']);
	});
});

/** Pages of 3; the page requested with this cursor answers 402. */
const failOnCursor = (cursor: string) => {
	api.pageSize = 3;
	api.override = (request) =>
		request.query.cursor === cursor ? errorEnvelope(402, 'Insufficient credits', 'PAYMENT_REQUIRED') : undefined;
};

describe('an error on page k of Return All', () => {
	test('fails the node with the page number, what was collected and where to resume', async () => {
		failOnCursor('c6');

		const { items, error } = await run(allPosts);

		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'The Pullbay account is out of credits (Insufficient credits, PAYMENT_REQUIRED) [page 3; 6 results from earlier pages were not returned]',
		);
		expect(error?.description).toContain("set 'Start Cursor' (under Options) to c6");
		expect(api.requests).toHaveLength(3);
	});
});

describe('Continue On Fail', () => {
	const twoUsers = {
		parameters: { resource: 'user', operation: 'get', username: '={{ $json.handle }}' },
		input: [{ json: { handle: 'nobody' } }, { json: { handle: 'tiktok' } }],
	};

	test('error output: the failing item goes to the error branch, results to the success branch', async () => {
		const { items, errorItems, error } = await run(twoUsers.parameters, {
			input: twoUsers.input,
			onError: 'continueErrorOutput',
		});

		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(['107955']);
		expect(errorItems).toHaveLength(1);
		expect(errorItems[0].json).toEqual({
			error: 'The TikTok user @nobody was not found (User not found, NOT_FOUND)',
		});
		expect(errorItems[0].pairedItem).toEqual({ item: 0 });
	});

	test.each([
		['HTTP 400', errorEnvelope(400, 'No', 'NO'), '(No, NO)'],
		['HTTP 401', errorEnvelope(401, 'No', 'NO'), '(No, NO)'],
		['HTTP 402', errorEnvelope(402, 'No', 'NO'), '(No, NO)'],
		['HTTP 404', errorEnvelope(404, 'No', 'NO'), 'The TikTok user @nobody was not found (No, NO)'],
		['HTTP 429', { ...errorEnvelope(429, 'No', 'NO'), headers: { 'retry-after': '0' } }, '(No, NO)'],
		['HTTP 500', { ...errorEnvelope(500, 'No', 'NO'), headers: { 'retry-after': '0' } }, '(No, NO)'],
		["an answer that is not Pullbay's", { status: 200, raw: '<html></html>', headers: { 'content-type': 'text/html' } }, 'not with a Pullbay response'],
	])('%s: the failing item becomes an error item paired to its input, the others go on', async (_what, response, message) => {
		api.override = (request) => (request.path.endsWith('/nobody') ? response : undefined);

		const { items, error } = await run(twoUsers.parameters, {
			input: twoUsers.input,
			onError: 'continueRegularOutput',
		});

		expect(error).toBeUndefined();
		expect(items[0].json.error).toContain(message);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json.id).toBe('107955');
	});

	test('an input that fails its check becomes an error item, without a request for it', async () => {
		const { items } = await run(twoUsers.parameters, {
			input: [{ json: { handle: '@' } }, { json: { handle: 'tiktok' } }],
			onError: 'continueRegularOutput',
		});

		expect(items[0].json.error).toMatch(/^Invalid User "@": expected /);
		expect(items[1].json.id).toBe('107955');
		expect(api.requests.map((request) => request.path)).toEqual(['/api/tiktok/user/handle/tiktok']);
	});

	test('a Return All that fails on page k becomes one error item saying how many results were not returned', async () => {
		failOnCursor('c3');

		const { items, error } = await run(allPosts, { onError: 'continueRegularOutput' });

		expect(error).toBeUndefined();
		expect(items).toEqual([
			{
				json: {
					error:
						'The Pullbay account is out of credits (Insufficient credits, PAYMENT_REQUIRED) [page 2; 3 results from earlier pages were not returned]',
				},
				error: expect.anything(),
				pairedItem: { item: 0 },
			},
		]);
	});

	test('list results of other items keep their pairing next to an error item', async () => {
		api.pageSize = 5;
		const { items } = await run(
			{ resource: 'user', operation: 'getPosts', userId: '={{ $json.id }}', returnAll: true },
			{ input: [{ json: { id: '1' } }, { json: { id: '404' } }], onError: 'continueRegularOutput' },
		);

		expect(items).toHaveLength(10);
		expect(items.slice(0, 9).every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(items[9].pairedItem).toEqual({ item: 1 });
		expect(items[9].json.error).toBe('No TikTok user has the ID 404 (User not found, NOT_FOUND)');
	});
});
