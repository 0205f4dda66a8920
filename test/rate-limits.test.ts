import type { INodeExecutionData } from 'n8n-workflow';

import { executeNode } from './engine/executeNode';
import { FakePullbayApi, makePost, makeUser, many, TEST_API_KEY } from './fake-api/server';
import { ids } from './helpers';

/**
 * A list of items against a gateway that allows a few requests in flight and answers 429
 * with Retry-After: 1 beyond that, each accepted request held 100 ms. Every test gets its own
 * server, so its own Base URL and so its own pacing: what one test teaches the node stays there.
 * A fresh key opens 20 wide, so up to 15 of its first requests are refused by a 5-in-flight plan.
 */
let api: FakePullbayApi;
beforeEach(async () => {
	api = new FakePullbayApi();
	await api.start();
	api.latencyMs = 100;
});
afterEach(async () => await api.stop());

const credentials = () => ({ apiKey: TEST_API_KEY, baseUrl: api.baseUrl });
const handles = (count: number) => Array.from({ length: count }, (_, i) => `user${i + 1}`);
const asInput = (values: string[]): INodeExecutionData[] => values.map((handle) => ({ json: { handle } }));

/** The user IDs the fake API gives user1, user2, …: 1000, 1001, … */
const userIds = (count: number) => handles(count).map((_, i) => String(1000 + i));

function seedUsers(count: number) {
	const ids = userIds(count);
	api.data.users = handles(count).map((handle, i) => makeUser(handle, ids[i]));
}

const getUsers = (count: number) =>
	executeNode({
		parameters: { resource: 'user', operation: 'get', username: '={{ $json.handle }}' },
		credentials: credentials(),
		input: asInput(handles(count)),
	});

describe('many items under a rate limit, with default settings', () => {
	test('100 items vs 5 in flight: all 100 arrive, in order, paired, with at most 120 requests', async () => {
		seedUsers(100);
		api.maxInFlight = 5;

		const { items, error } = await getUsers(100);

		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(userIds(100));
		expect(items.map((item) => item.pairedItem)).toEqual(handles(100).map((_, item) => ({ item })));
		expect(api.requests.length).toBeLessThanOrEqual(120);
		expect(api.peakInFlight).toBeLessThanOrEqual(5);
	});

	test('30 users × Get Posts with Return All (2 pages each): every post, at most 80 requests', async () => {
		api.pageSize = 3;
		for (let user = 1; user <= 30; user++) {
			api.data.userPosts[String(user)] = many(6, `u${user}-p`, (id) => makePost(id));
		}
		api.maxInFlight = 5;

		const { items, error } = await executeNode({
			parameters: { resource: 'user', operation: 'getPosts', userId: '={{ $json.id }}', returnAll: true },
			credentials: credentials(),
			input: Array.from({ length: 30 }, (_, i) => ({ json: { id: String(i + 1) } })),
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(180);
		expect(new Set(ids(items)).size).toBe(180);
		expect(items.filter((item) => item.json.paginationStop !== undefined)).toEqual([]);
		expect(api.requests.length).toBeLessThanOrEqual(80);
	});

	test('1 in flight allowed: every item still arrives', async () => {
		seedUsers(30);
		api.maxInFlight = 1;

		const { items, error } = await getUsers(30);

		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(userIds(30));
		expect(api.peakInFlight).toBe(1);
	});

	test('what the node learned about the key carries over to the next execution with the same key', async () => {
		seedUsers(20);
		api.maxInFlight = 3;
		await getUsers(20);
		const limitedFirst = api.rateLimited;
		api.requests = [];
		api.rateLimited = 0;

		const { items } = await getUsers(20);

		expect(limitedFirst).toBeGreaterThan(0);
		expect(items).toHaveLength(20);
		// The first burst is not refused again.
		expect(api.rateLimited).toBeLessThan(limitedFirst);
		expect(api.requests.length).toBeLessThanOrEqual(22);
	});

	test('without a server limit, 100 items still run side by side', async () => {
		seedUsers(100);

		const { items } = await getUsers(100);

		expect(items).toHaveLength(100);
		expect(api.requests).toHaveLength(100);
		expect(api.rateLimited).toBe(0);
		// The key opens up: far more than the first 20 in flight at once.
		expect(api.peakInFlight).toBeGreaterThan(30);
	});

});
