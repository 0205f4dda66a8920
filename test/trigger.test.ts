import type { INodeParameters } from 'n8n-workflow';

import { activeTrigger } from './engine/executeNode';
import { ids, useFakeApi } from './helpers';
import { errorEnvelope, makeComment, makePost, makeUser, TEST_API_KEY, type FakeData } from './fake-api/server';

const { api } = useFakeApi();

const POST_ID = '7636131611674692894';
const post = (n: number) => ({ ...makePost(`p${n}`), uploadedAt: 1714560000 + n });

/** Newest first, as TikTok feeds are. */
const feed = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => post(to - i));

const trigger = (parameters: INodeParameters, data: Partial<FakeData> = {}) => {
	api.reset(data);
	return activeTrigger(parameters, { apiKey: TEST_API_KEY, baseUrl: api.baseUrl });
};

describe('Pullbay TikTok Trigger', () => {
	test('the first poll after activation records the current posts and emits nothing, with one request', async () => {
		const { poll, staticData } = trigger(
			{ event: 'newPostMatchingSearch', keyword: 'cats' },
			{ search: { cats: feed(1, 5) } },
		);

		expect(await poll()).toEqual([]);
		expect(api.requests).toHaveLength(1);
		expect(api.requests[0]).toMatchObject({ path: '/api/tiktok/post/search', query: { keyword: 'cats' } });
		expect(staticData().seenIds).toEqual(['p5', 'p4', 'p3']);
	});

	test('a later poll emits exactly the new posts, oldest first', async () => {
		const { poll } = trigger({ event: 'newPostMatchingSearch', keyword: 'cats' }, { search: { cats: feed(1, 3) } });
		await poll();

		api.data.search.cats = feed(1, 6);
		const items = await poll();

		expect(ids(items)).toEqual(['p4', 'p5', 'p6']);
		expect(await poll()).toEqual([]);
	});

	test('a quiet poll costs one request', async () => {
		const { poll } = trigger({ event: 'newPostMatchingSearch', keyword: 'cats' }, { search: { cats: feed(1, 10) } });
		api.pageSize = 3;
		await poll();
		api.requests = [];

		expect(await poll()).toEqual([]);
		expect(api.requests).toHaveLength(1);
	});

	test('paging stops at the first page that holds a seen post', async () => {
		const { poll } = trigger({ event: 'newPostMatchingSearch', keyword: 'cats' }, { search: { cats: feed(1, 2) } });
		api.pageSize = 3;
		await poll();
		api.data.search.cats = feed(1, 7);
		api.requests = [];

		const items = await poll();

		expect(ids(items)).toEqual(['p3', 'p4', 'p5', 'p6', 'p7']);
		expect(api.requests.map((request) => request.query.cursor ?? 'first')).toEqual(['first', 'c3']);
	});

	test('Max New Results Per Poll keeps the newest and Max Pages Per Poll caps requests', async () => {
		const { poll } = trigger(
			{ event: 'newPostMatchingSearch', keyword: 'cats', options: { maxResults: 2, maxPages: 2 } },
			{ search: { cats: [] } },
		);
		api.pageSize = 3;
		await poll();
		api.data.search.cats = feed(1, 20);
		api.requests = [];

		const items = await poll();

		expect(api.requests).toHaveLength(1);
		expect(ids(items)).toEqual(['p19', 'p20']);
	});

	test('a post the API repeats across pages of one poll is emitted once', async () => {
		const { poll } = trigger({ event: 'newPostMatchingSearch', keyword: 'cats' }, { search: { cats: [] } });
		api.pageSize = 2;
		await poll();
		api.data.search.cats = [post(4), post(3), post(3), post(2)];

		expect(ids(await poll())).toEqual(['p2', 'p3', 'p4']);
	});

	test('a manual test run emits the latest posts so fields can be mapped, and changes no state', async () => {
		const { poll, staticData } = trigger(
			{ event: 'newPostMatchingSearch', keyword: 'cats', options: { maxResults: 3 } },
			{ search: { cats: feed(1, 5) } },
		);

		const items = await poll('manual');

		expect(ids(items)).toEqual(['p3', 'p4', 'p5']);
		expect(staticData().seenIds).toBeUndefined();
	});

	test('remembers at most 1,000 IDs', async () => {
		const { poll, staticData } = trigger(
			{ event: 'newPostMatchingSearch', keyword: 'cats', options: { maxPages: 100, maxResults: 5000 } },
			{ search: { cats: [] } },
		);
		api.pageSize = 200;
		await poll();
		api.data.search.cats = feed(1, 1500);

		const items = await poll();

		expect(items).toHaveLength(1500);
		expect(staticData().seenIds as string[]).toHaveLength(1000);
		expect((staticData().seenIds as string[])[0]).toBe('p1500');
	});

	test('New Post by User resolves a handle once and keeps the ID', async () => {
		const { poll, staticData } = trigger(
			{ event: 'newPostByUser', userId: '@tiktok', options: { region: 'US' } },
			{ users: [makeUser('tiktok', '107955')], userPosts: { '107955': feed(1, 2) } },
		);
		await poll();
		api.data.userPosts['107955'] = feed(1, 3);
		const items = await poll();

		expect(ids(items)).toEqual(['p3']);
		expect(staticData().userId).toBe('107955');
		expect(api.requests.map((request) => `${request.path}?${new URLSearchParams(request.query)}`)).toEqual([
			'/api/tiktok/user/handle/tiktok?',
			'/api/tiktok/user/107955/posts?region=US',
			'/api/tiktok/user/107955/posts?region=US',
		]);
	});

	test('New Comment on Post takes a post URL and emits new comments oldest first', async () => {
		const comment = (n: number) => ({ ...makeComment(`c${n}`, POST_ID), createdAt: `2026-05-0${n}T00:00:00.000Z` });
		const { poll } = trigger(
			{ event: 'newCommentOnPost', postId: `https://www.tiktok.com/@tiktok/video/${POST_ID}` },
			{ comments: { [POST_ID]: [comment(1)] } },
		);
		await poll();
		api.data.comments[POST_ID] = [comment(3), comment(2), comment(1)];

		expect(ids(await poll())).toEqual(['c2', 'c3']);
		expect(api.requests.every((request) => request.path === `/api/tiktok/post/${POST_ID}/comments`)).toBe(true);
	});

	test('changing what is watched starts over instead of flooding', async () => {
		const { poll, workflow } = trigger({ event: 'newPostMatchingSearch', keyword: 'cats' }, { search: { cats: feed(1, 2), dogs: feed(10, 12) } });
		await poll();
		workflow.nodes['Pullbay TikTok Trigger'].parameters.keyword = 'dogs';

		expect(await poll()).toEqual([]);
		api.data.search.dogs = feed(10, 13);
		expect(ids(await poll())).toEqual(['p13']);
	});

	test('an API error fails the poll once, with the action node’s message, and no retry', async () => {
		const { poll } = trigger({ event: 'newPostMatchingSearch', keyword: 'cats' }, { search: { cats: feed(1, 2) } });
		api.override = () => ({ ...errorEnvelope(429, 'Slow down', 'RATE_LIMITED'), headers: { 'retry-after': '0' } });

		await expect(poll()).rejects.toThrow('Pullbay is rate limiting this API key (Slow down, RATE_LIMITED)');
		expect(api.requests).toHaveLength(1);
	});

	test('invalid input fails before any request', async () => {
		const { poll } = trigger({ event: 'newPostMatchingSearch', keyword: ' ' });
		await expect(poll()).rejects.toThrow('Invalid Keyword " "');
		expect(api.requests).toHaveLength(0);
	});
});
