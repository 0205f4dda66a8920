import { testCredential } from './engine/executeNode';
import { ids, useFakeApi } from './helpers';
import { errorEnvelope, makeUser, TEST_API_KEY } from './fake-api/server';

const { api, run } = useFakeApi();

describe('Pullbay API credential test', () => {
	test('a valid key passes with one call to the hashtag lookup', async () => {
		api.data.hashtags = [{ id: '1', name: 'fyp', views: 1 }];

		const result = await testCredential({ apiKey: TEST_API_KEY, baseUrl: api.baseUrl });

		expect(result).toEqual({ ok: true, message: 'Connection successful!' });
		expect(api.requests).toHaveLength(1);
		expect(api.requests[0].path).toBe('/api/tiktok/hashtag/handle/fyp');
		expect(api.requests[0].headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
	});

	test('a wrong key fails with a message that says so, after one request', async () => {
		const result = await testCredential({ apiKey: 'wrong', baseUrl: api.baseUrl });

		expect(result).toEqual({
			ok: false,
			message: 'Pullbay did not accept this API key: copy it again from the Pullbay dashboard',
		});
		expect(api.requests).toHaveLength(1);
		expect(api.requests[0].headers.authorization).toBe('Bearer wrong');
	});

	test('an account out of credits is told apart from a wrong key', async () => {
		api.override = () => errorEnvelope(402, 'Insufficient credits', 'PAYMENT_REQUIRED');

		const result = await testCredential({ apiKey: TEST_API_KEY, baseUrl: api.baseUrl });

		expect(result).toEqual({
			ok: false,
			message: 'The API key works, but the Pullbay account is out of credits: top up in the Pullbay dashboard',
		});
		expect(api.requests).toHaveLength(1);
	});

	test('any other refusal from Pullbay says what to check, after one request', async () => {
		api.override = () => errorEnvelope(500, 'Internal error', 'INTERNAL');

		const result = await testCredential({ apiKey: TEST_API_KEY, baseUrl: api.baseUrl });

		expect(result).toEqual({
			ok: false,
			message: 'Pullbay did not accept the test request: check the API Key and Base URL, or try again in a minute if Pullbay is busy',
		});
		expect(api.requests).toHaveLength(1);
	});

	test('a Base URL that is not Pullbay fails, though it answers 200', async () => {
		api.override = () => ({ status: 200, raw: '<html>Welcome to nginx</html>', headers: { 'content-type': 'text/html' } });

		const result = await testCredential({ apiKey: TEST_API_KEY, baseUrl: api.baseUrl });

		expect(result.ok).toBe(false);
		expect(result.message).toContain('The Base URL answered, but not with a Pullbay response');
	});
});

describe('what is pasted into the credential is cleaned before use', () => {
	const getUser = { resource: 'user', operation: 'get', username: 'tiktok' };
	beforeEach(() => api.reset({ users: [makeUser('tiktok', '107955')] }));

	test.each([
		['a leading space', ` ${TEST_API_KEY}`],
		['a pasted "Bearer " prefix', `Bearer ${TEST_API_KEY}`],
		['a trailing newline', `${TEST_API_KEY}\n`],
	])('a key with %s is sent as the bare key', async (_what, apiKey) => {
		const { items } = await run(getUser, { credentials: { apiKey, baseUrl: api.baseUrl } });

		expect(ids(items)).toEqual(['107955']);
		expect(api.requests[0].headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
	});

	test('a Base URL with spaces and a trailing slash requests the right path', async () => {
		const { items } = await run(getUser, { credentials: { apiKey: TEST_API_KEY, baseUrl: ` ${api.baseUrl}/ ` } });

		expect(ids(items)).toEqual(['107955']);
		expect(api.requests[0].path).toBe('/api/tiktok/user/handle/tiktok');
	});
});
