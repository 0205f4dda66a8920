import type { INodeParameters } from 'n8n-workflow';

import { activeTrigger } from './engine/executeNode';
import { ids, useFakeApi } from './helpers';
import { errorEnvelope, makeComment, makePost, makeUser, TEST_API_KEY, type FakeData } from './fake-api/server';
import { DESCENT_KEPT, KNOWN_KEPT, RECENT_KEPT, STATE_BYTES_MAX } from '../nodes/PullbayTikTokTrigger/poll';

const { api } = useFakeApi();

const POST_ID = '7636131611674692894';
const post = (n: number) => ({ ...makePost(`p${n}`), uploadedAt: 1714560000 + n });

/** IDs from p<from> to p<to>, oldest first, as the trigger emits them. */
const postIds = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `p${from + i}`);

/** Newest first, as TikTok feeds are. */
const feed = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => post(to - i));

const trigger = (parameters: INodeParameters, data: Partial<FakeData> = {}) => {
	api.reset(data);
	return activeTrigger(parameters, { apiKey: TEST_API_KEY, baseUrl: api.baseUrl });
};

/** The page at `cursor` answers 500 on every request; every other page is served as usual. */
const failPageAt = (cursor: string) => {
	const respond = api.respond.bind(api);
	api.override = (request) => (request.query.cursor === cursor ? errorEnvelope(500, 'Upstream error', 'INTERNAL') : respond(request));
};

/** Request counts of each poll, for the README's cost statements. */
const requestsOf = async (work: () => Promise<unknown>) => {
	api.requests = [];
	await work();
	return api.requests.length;
};

describe('Pullbay TikTok Trigger', () => {
	test('the first poll after activation records the current posts and emits nothing', async () => {
		const { poll, staticData } = trigger(
			{ event: 'newPostByUser', userId: '1' },
			{ userPosts: { '1': feed(1, 5) } },
		);

		expect(await poll()).toEqual([]);
		expect(api.requests).toHaveLength(2);
		expect(api.requests[0]).toMatchObject({ path: '/api/tiktok/user/1/posts', query: {} });
		expect(staticData().known).toEqual(['p5', 'p4', 'p3', 'p2', 'p1']);
		// The whole profile was read: every post is known by ID, none by time.
		expect(staticData().unreadBefore).toBeUndefined();
	});

	test('a later poll emits exactly the new posts, oldest first', async () => {
		const { poll } = trigger({ event: 'newPostMatchingSearch', keyword: 'cats' }, { search: { cats: feed(1, 3) } });
		await poll();

		api.data.search.cats = feed(1, 6);
		const items = await poll();

		expect(ids(items)).toEqual(['p4', 'p5', 'p6']);
		expect(await poll()).toEqual([]);
	});

	test('a quiet poll costs one request on a profile and Max Pages Per Poll on search', async () => {
		const profile = trigger({ event: 'newPostByUser', userId: '1' }, { userPosts: { '1': feed(1, 10) } });
		api.pageSize = 5;
		await profile.poll();
		expect(await requestsOf(profile.poll)).toBe(1);

		const search = trigger({ event: 'newPostMatchingSearch', keyword: 'cats' }, { search: { cats: feed(1, 30) } });
		api.pageSize = 5;
		await search.poll();
		expect(await requestsOf(search.poll)).toBe(3);
	});

	test('pinned old posts at the top of a profile do not end the scan', async () => {
		const pinned = [post(1), post(2), post(3)];
		const { poll } = trigger({ event: 'newPostByUser', userId: '1' }, { userPosts: { '1': [...pinned, ...feed(4, 10)] } });
		api.pageSize = 5;
		await poll();

		// 8 new posts arrive below the 3 pinned ones.
		api.data.userPosts['1'] = [...pinned, ...feed(4, 18)];
		let items: Awaited<ReturnType<typeof poll>> = [];
		const requests = await requestsOf(async () => (items = await poll()));

		expect(ids(items)).toEqual(['p11', 'p12', 'p13', 'p14', 'p15', 'p16', 'p17', 'p18']);
		expect(requests).toBe(3);
		expect(await poll()).toEqual([]);
	});

	test('search: a new post at rank 7 (page 2) is emitted; an old post moving up to rank 1 is not', async () => {
		const oldPost = { ...post(0), uploadedAt: 1714560000 - 30 * 86400 };
		const { poll } = trigger(
			{ event: 'newPostMatchingSearch', keyword: 'cats' },
			{ search: { cats: [...feed(1, 10), oldPost] } },
		);
		api.pageSize = 5;
		await poll();

		const fresh = post(50);
		const ranked = feed(1, 10);
		ranked.splice(6, 0, fresh);
		api.data.search.cats = [oldPost, ...ranked];

		let items: Awaited<ReturnType<typeof poll>> = [];
		expect(await requestsOf(async () => (items = await poll()))).toBe(3);
		expect(ids(items)).toEqual(['p50']);
	});

	test('search: the watermark moves on although the results run past Max Pages Per Poll', async () => {
		const { poll, staticData } = trigger({ event: 'newPostMatchingSearch', keyword: 'cats' }, { search: { cats: feed(1, 30) } });
		api.pageSize = 5;
		await poll();
		const activated = staticData().watermark as number;

		api.data.search.cats = [post(40), ...feed(1, 30)];
		expect(ids(await poll())).toEqual(['p40']);
		expect(staticData().watermark).toBe(activated + 10 * 1000);
	});

	test('search: a post never seen before but a month old is not new when it surfaces', async () => {
		const { poll } = trigger({ event: 'newPostMatchingSearch', keyword: 'cats' }, { search: { cats: feed(100, 104) } });
		await poll();

		api.data.search.cats = [{ ...post(7), uploadedAt: 1714560000 - 30 * 86400 }, ...feed(100, 104)];

		expect(await poll()).toEqual([]);
	});

	test('a burst larger than Max New Results Per Poll is delivered over later polls, oldest first', async () => {
		const { poll } = trigger(
			{ event: 'newPostByUser', userId: '1', options: { maxResults: 50, maxPages: 20 } },
			{ userPosts: { '1': feed(1, 5) } },
		);
		api.pageSize = 10;
		await poll();
		api.data.userPosts['1'] = feed(1, 65);

		let first: Awaited<ReturnType<typeof poll>> = [];
		let second: Awaited<ReturnType<typeof poll>> = [];
		// 60 new posts above 5 known ones, 10 a page: the first poll reads 7 pages to pass the known
		// ones; the next stops at the page of posts it has just emitted.
		expect(await requestsOf(async () => (first = await poll()))).toBe(7);
		expect(await requestsOf(async () => (second = await poll()))).toBe(2);

		expect(ids(first)).toEqual(postIds(6, 55));
		expect(ids(second)).toEqual(postIds(56, 65));
		expect(await requestsOf(async () => expect(await poll()).toEqual([]))).toBe(1);
	});

	test('a burst deeper than Max Pages Per Poll is read down to the known posts first, then delivered oldest first', async () => {
		const { poll, staticData } = trigger(
			{ event: 'newPostByUser', userId: '1', options: { maxPages: 2 } },
			{ userPosts: { '1': feed(1, 5) } },
		);
		api.pageSize = 5;
		await poll();
		api.data.userPosts['1'] = feed(1, 30);

		// 25 new posts, 5 a page, 2 pages a poll: two polls read down to p5, remembering the page cursors.
		expect(await requestsOf(async () => expect(await poll()).toEqual([]))).toBe(2);
		expect(staticData().descent).toEqual([
			{ cursor: 'c5', index: 5 },
			{ cursor: 'c10', index: 10 },
		]);
		expect(await poll()).toEqual([]);
		// Then each poll delivers the page above what is delivered, checked against the known page below it.
		const delivered: unknown[][] = [];
		for (let i = 0; i < 5; i++) {
			expect(await requestsOf(async () => delivered.push(ids(await poll())))).toBe(2);
		}
		expect(delivered).toEqual([postIds(6, 10), postIds(11, 15), postIds(16, 20), postIds(21, 25), postIds(26, 30)]);
		expect(staticData().descent).toBeUndefined();
		expect(await requestsOf(async () => expect(await poll()).toEqual([]))).toBe(1);
	});

	test('a page that fails holds back the posts above it, says so on every poll, and loses nothing', async () => {
		const { poll, reportedErrors } = trigger(
			{ event: 'newPostByUser', userId: '1', options: { maxPages: 5 } },
			{ userPosts: { '1': feed(1, 5) } },
		);
		api.pageSize = 5;
		await poll();
		api.data.userPosts['1'] = feed(1, 20);
		failPageAt('c10');

		expect(await poll()).toEqual([]);
		expect(reportedErrors.map((error) => error.message)).toEqual([
			'Pullbay could not complete the request on its side (Upstream error, INTERNAL) [a later page of this poll; the next poll reads it again, and the new posts above it are emitted once it answers]',
		]);
		// The next poll starts at the failing page, so it fails as a whole.
		await expect(poll()).rejects.toThrow('Pullbay could not complete the request on its side');

		api.override = undefined;
		expect(ids(await poll())).toEqual(postIds(6, 10));
		expect(ids(await poll())).toEqual(postIds(11, 20));
		expect(await poll()).toEqual([]);
	});

	test('a page that keeps failing is read again from the top after 3 polls, and says so', async () => {
		const { poll, staticData } = trigger({ event: 'newPostByUser', userId: '1' }, { userPosts: { '1': feed(1, 5) } });
		api.pageSize = 5;
		await poll();
		api.data.userPosts['1'] = feed(1, 15);
		failPageAt('c5');

		expect(await poll()).toEqual([]);
		await expect(poll()).rejects.toThrow('Pullbay could not complete the request on its side');
		await expect(poll()).rejects.toThrow('Pullbay could not complete the request on its side');
		await expect(poll()).rejects.toThrow('reading from where the last poll stopped failed 3 times; the next poll reads the new posts again from the top');
		expect(staticData().descent).toBeUndefined();

		api.override = undefined;
		expect(ids(await poll())).toEqual(postIds(6, 15));
	});

	test('an outage fails the poll and loses nothing', async () => {
		const { poll } = trigger({ event: 'newPostByUser', userId: '1' }, { userPosts: { '1': feed(1, 3) } });
		await poll();
		api.data.userPosts['1'] = feed(1, 5);
		api.override = () => errorEnvelope(503, 'Down', 'UNAVAILABLE');

		await expect(poll()).rejects.toThrow('Pullbay could not complete the request on its side');
		api.override = undefined;

		expect(ids(await poll())).toEqual(['p4', 'p5']);
	});

	test('a bad answer on the activation poll records nothing, so later polls do not flood', async () => {
		const { poll, staticData } = trigger({ event: 'newPostMatchingSearch', keyword: 'cats' }, { search: { cats: feed(1, 40) } });
		api.override = () => ({ status: 200, raw: '<html>Login</html>', headers: { 'content-type': 'text/html' } });

		await expect(poll()).rejects.toThrow('The Base URL answered, but not with a Pullbay response');
		expect(staticData().seenIds).toBeUndefined();
		api.override = undefined;

		expect(await poll()).toEqual([]);
		api.data.search.cats = [post(41), ...feed(1, 40)];
		expect(ids(await poll())).toEqual(['p41']);
	});

	test('a bad answer on a later page of the activation poll fails it and records nothing', async () => {
		const { poll, staticData } = trigger({ event: 'newPostMatchingSearch', keyword: 'cats' }, { search: { cats: feed(1, 10) } });
		const respond = api.respond.bind(api);
		api.override = (request) =>
			request.query.cursor ? { status: 200, raw: '', headers: { 'content-type': 'text/html' } } : respond(request);

		await expect(poll()).rejects.toThrow('not with a Pullbay response');
		expect(staticData().seenIds).toBeUndefined();
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

	test('search remembers at most 1,000 results, says when it forgets some early, and never repeats one', async () => {
		const { poll, staticData, reportedErrors } = trigger(
			{ event: 'newPostMatchingSearch', keyword: 'cats', options: { maxPages: 100, maxResults: 5000 } },
			{ search: { cats: [] } },
		);
		api.pageSize = 200;
		await poll();
		api.data.search.cats = feed(1, 1500);

		expect(await poll()).toHaveLength(1500);
		expect(Object.keys(staticData().recent as object)).toHaveLength(1000);
		expect(staticData().floor).toBe((1714560000 + 500) * 1000);
		expect(reportedErrors.map((error) => error.message)).toEqual([
			'More than 1000 results from the 24 hours before the newest one were read, so the 500 oldest were forgotten: results dated before 2024-05-01T10:48:20.000Z are no longer emitted, even if they are new to this trigger',
		]);

		// Read again in a new order: nothing comes back.
		api.data.search.cats = feed(1, 1500).reverse();
		expect(await poll()).toEqual([]);
	});

	test('static data saved by the previous version is taken over: nothing repeated, nothing lost', async () => {
		// A profile in the middle of a burst: p11-p15 emitted, p6-p10 below the resume cursor not yet.
		const profile = trigger({ event: 'newPostByUser', userId: '1' }, { userPosts: { '1': feed(1, 15) } });
		api.pageSize = 5;
		Object.assign(profile.staticData(), {
			watching: JSON.stringify(['newPostByUser', '1', undefined]),
			seenIds: postIds(1, 5).reverse().concat(postIds(11, 15).reverse()),
			watermark: (1714560000 + 5) * 1000,
			resumeCursor: 'c5',
			resumeFailures: 0,
		});
		api.data.userPosts['1'] = feed(1, 16);
		const emitted = [...ids(await profile.poll()), ...ids(await profile.poll()), ...ids(await profile.poll())];
		expect(emitted.sort()).toEqual(['p10', 'p16', 'p6', 'p7', 'p8', 'p9']);
		expect(profile.staticData().seenIds).toBeUndefined();

		// A search: the 1,000 IDs it remembered are not emitted again; a new result is.
		const search = trigger({ event: 'newPostMatchingSearch', keyword: 'cats' }, { search: { cats: [post(21), ...feed(1, 20)] } });
		Object.assign(search.staticData(), {
			watching: JSON.stringify(['newPostMatchingSearch', 'cats', undefined, undefined, undefined]),
			seenIds: postIds(1, 20).reverse(),
			watermark: (1714560000 + 20) * 1000,
		});
		expect(ids(await search.poll())).toEqual(['p21']);
		expect(await search.poll()).toEqual([]);
	});

	test('a watched ID saved as text keeps its memory when the field becomes a resource locator', async () => {
		const { poll, workflow } = trigger({ event: 'newPostByUser', userId: '1' }, { userPosts: { '1': feed(1, 3) } });
		await poll();
		workflow.nodes['Pullbay TikTok Trigger'].parameters.userId = { __rl: true, mode: 'id', value: '1' };
		api.data.userPosts['1'] = feed(1, 4);

		expect(ids(await poll())).toEqual(['p4']);
	});

	test('two polls of one trigger at once: the second is skipped, so nothing is emitted twice', async () => {
		const { poll } = trigger({ event: 'newPostByUser', userId: '1' }, { userPosts: { '1': feed(1, 3) } });
		await poll();
		api.data.userPosts['1'] = feed(1, 5);
		api.latencyMs = 50;

		const [first, second] = await Promise.all([poll(), poll()]);

		expect([...ids(first), ...ids(second)]).toEqual(['p4', 'p5']);
	});

	test('a post dated in milliseconds, 0 or the future does not silence the trigger', async () => {
		const { poll } = trigger({ event: 'newPostByUser', userId: '1' }, { userPosts: { '1': feed(1, 5) } });
		await poll();
		const odd = [
			{ ...post(6), uploadedAt: (1714560000 + 6) * 1000 },
			{ ...post(7), uploadedAt: 0 },
			{ ...post(8), uploadedAt: Math.floor(Date.now() / 1000) + 3 * 86400 },
		];
		api.data.userPosts['1'] = [...odd.reverse(), ...feed(1, 5)];
		expect(ids(await poll())).toEqual(['p6', 'p7', 'p8']);

		api.data.userPosts['1'] = [post(10), post(9), ...api.data.userPosts['1']];
		expect(ids(await poll())).toEqual(['p9', 'p10']);
	});

	test('static data stays within its stated bound, measured at the bound with TikTok-length IDs', async () => {
		const tiktokPost = (n: number) => ({ ...makePost(String(7636131611674692894n + BigInt(n))), uploadedAt: 1714560000 + n });
		const newestFirst = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => tiktokPost(to - i));

		// Search: 1,500 results read, 1,000 remembered.
		const search = trigger(
			{ event: 'newPostMatchingSearch', keyword: 'cats', options: { maxPages: 100, maxResults: 5000 } },
			{ search: { cats: [] } },
		);
		api.pageSize = 200;
		await search.poll();
		api.data.search.cats = newestFirst(1, 1500);
		await search.poll();
		const searchBytes = JSON.stringify(search.staticData()).length;

		// Profile: 200 posts remembered and a burst deep enough to remember 50 page cursors.
		const profile = trigger({ event: 'newPostByUser', userId: '1', options: { maxPages: 60 } }, { userPosts: { '1': newestFirst(1, 250) } });
		api.pageSize = 250;
		await profile.poll();
		api.pageSize = 1;
		api.data.userPosts['1'] = newestFirst(1, 350);
		await profile.poll();
		const profileBytes = JSON.stringify(profile.staticData()).length;

		expect(Object.keys(search.staticData().recent as object)).toHaveLength(RECENT_KEPT);
		expect(profile.staticData().known).toHaveLength(KNOWN_KEPT);
		expect(profile.staticData().descent).toHaveLength(DESCENT_KEPT);
		expect(Math.max(searchBytes, profileBytes)).toBeLessThanOrEqual(STATE_BYTES_MAX);
		// eslint-disable-next-line no-console -- the measured sizes, for the README
		console.log(`static data at the bound: search ${searchBytes} bytes, profile ${profileBytes} bytes (bound ${STATE_BYTES_MAX})`);
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
