import { testCredential } from './engine/executeNode';
import { useFakeApi } from './helpers';
import { TEST_API_KEY } from './fake-api/server';

const { api } = useFakeApi();

describe('Pullbay API credential test', () => {
	test('a valid key passes with one call to the hashtag lookup', async () => {
		api.data.hashtags = [{ id: '1', name: 'fyp', views: 1 }];

		const result = await testCredential({ apiKey: TEST_API_KEY, baseUrl: api.baseUrl });

		expect(result).toEqual({ ok: true, message: 'Connection tested successfully' });
		expect(api.requests).toHaveLength(1);
		expect(api.requests[0].path).toBe('/api/tiktok/hashtag/handle/fyp');
		expect(api.requests[0].headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
	});

	test('a wrong key fails', async () => {
		const result = await testCredential({ apiKey: 'wrong', baseUrl: api.baseUrl });

		expect(result.ok).toBe(false);
		expect(api.requests[0].headers.authorization).toBe('Bearer wrong');
	});
});
