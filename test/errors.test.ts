import { useFakeApi } from './helpers';
import { errorEnvelope, makeUser } from './fake-api/server';

const { api, run } = useFakeApi();

const getUser = { resource: 'user', operation: 'get', username: 'tiktok' };

describe('API errors surface as node errors', () => {
	test('a 404 names what was not found and carries the API message, code and status', async () => {
		const { items, error } = await run(getUser);

		expect(items).toEqual([]);
		expect(error?.message).toBe('The TikTok user @tiktok was not found (User not found, NOT_FOUND)');
		expect(error?.description).toContain('may be private or deleted');
		expect(error?.description).toContain('HTTP 404');
		expect(error?.httpCode).toBe('404');
	});

	test('a 401 points at the credential, after one request only', async () => {
		const { error } = await run(getUser, { credentials: { apiKey: 'wrong', baseUrl: api.baseUrl } });

		expect(error?.message).toBe('Pullbay did not accept the API key (Invalid API key, UNAUTHORIZED)');
		expect(error?.description).toContain('Pullbay API credential');
		expect(api.requests).toHaveLength(1);
	});

	test('a 402 says the account is out of credits', async () => {
		api.override = () => errorEnvelope(402, 'Insufficient credits', 'PAYMENT_REQUIRED');
		const { error } = await run(getUser);

		expect(error?.message).toBe(
			'The Pullbay account is out of credits (Insufficient credits, PAYMENT_REQUIRED)',
		);
		expect(error?.description).toContain('Top up');
	});

	test('a 400 carries the API message', async () => {
		api.override = () => errorEnvelope(400, 'Bad request', 'BAD_REQUEST');
		const { error } = await run(getUser);

		expect(error?.message).toBe('Pullbay rejected the request as invalid (Bad request, BAD_REQUEST)');
		expect(error?.httpCode).toBe('400');
	});

	test('HTTP 200 with success: false is an error, not zero items', async () => {
		api.override = () => ({
			status: 200,
			body: { status: 404, message: 'User not found', success: false, error: { code: 'NOT_FOUND' } },
		});
		const { items, error } = await run(getUser);

		expect(items).toEqual([]);
		expect(error?.message).toBe('The TikTok user @tiktok was not found (User not found, NOT_FOUND)');
	});

	test('an error on a later page of Return All fails the node', async () => {
		api.data.userPosts['1'] = Array.from({ length: 9 }, (_, i) => ({ id: `p${i}` }));
		api.override = (request) =>
			request.query.cursor === 'c6' ? errorEnvelope(402, 'Insufficient credits', 'PAYMENT_REQUIRED') : undefined;

		const { items, error } = await run({
			resource: 'user',
			operation: 'getPosts',
			userId: '1',
			returnAll: true,
		});

		expect(items).toEqual([]);
		expect(error?.message).toContain('out of credits');
		expect(api.requests).toHaveLength(3);
	});
});

describe('Continue On Fail', () => {
	test('a failing item becomes an error item and the other items go on', async () => {
		api.data.users = [makeUser('tiktok', '107955')];

		const { items, error } = await run(
			{ resource: 'user', operation: 'get', username: '={{ $json.handle }}' },
			{
				input: [{ json: { handle: 'nobody' } }, { json: { handle: 'tiktok' } }],
				onError: 'continueRegularOutput',
			},
		);

		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items[0].json).toEqual({
			error: 'The TikTok user @nobody was not found (User not found, NOT_FOUND)',
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json).toMatchObject({ id: '107955' });
	});
});
