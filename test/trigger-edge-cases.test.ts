/**
 * Edge cases found by an adversarial review of the trigger's exactly-once promise: each test is
 * a history that once lost or repeated a result.
 */
import type { INodeParameters } from 'n8n-workflow';

import { activeTrigger } from './engine/executeNode';
import { ids, useFakeApi } from './helpers';
import { envelope, makeComment, makePost, makeUser, TEST_API_KEY, type FakeData, type Json } from './fake-api/server';
import { STATE_BYTES_MAX } from '../nodes/PullbayTikTokTrigger/poll';

const { api } = useFakeApi();

const post = (n: number) => ({ ...makePost(`p${n}`), id: `p${n}`, uploadedAt: 1714560000 + n });
/** Newest first, as TikTok feeds are. */
const feed = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => post(to - i));

const trigger = (parameters: INodeParameters, data: Partial<FakeData> = {}) => {
	api.reset(data);
	return activeTrigger(parameters, { apiKey: TEST_API_KEY, baseUrl: api.baseUrl });
};

/** Messages of the polls that failed (threw) in the last pollN. */
let thrown: string[] = [];

/** Polls n times, collecting the emitted IDs; a failed poll emits nothing, and its message is kept in `thrown`. */
const pollN = async (poll: () => Promise<Array<{ json: { id?: unknown } }>>, n: number) => {
	const out: unknown[] = [];
	thrown = [];
	for (let i = 0; i < n; i++) {
		try {
			out.push(...ids(await poll()));
		} catch (error) {
			thrown.push((error as Error).message);
		}
	}
	return out;
};

/** IDs from p<from> to p<to>, oldest first. */
const postIds = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `p${from + i}`);

describe('Pullbay TikTok Trigger: a post with an odd time does not hide the posts below it', () => {
	test('one backdated post does not hide an ordinary post published before it (A2)', async () => {
		const { poll } = trigger({ event: 'newPostByUser', userId: '1' }, { userPosts: { '1': feed(1, 5) } });
		api.pageSize = 10;
		await poll();
		// p6..p10 published; p7 carries an upload time a day older than every known post.
		const burst = feed(6, 10).map((p) => (p.id === 'p7' ? { ...p, uploadedAt: 1714560000 - 86400 } : p));
		api.data.userPosts['1'] = [...burst, ...feed(1, 5)];
		const all = await pollN(poll, 10);
		// p7 is new to the trigger too (its ID is unknown, the whole profile was read at activation): emitted in its place.
		expect(all).toEqual(['p6', 'p7', 'p8', 'p9', 'p10']);
	});

	test('a post dated 4 minutes ahead (within the clock-skew allowance) does not silence the next ordinary post (A7)', async () => {
		const nowS = Math.floor(Date.now() / 1000);
		const at = (id: string, t: number) => ({ ...makePost(id), uploadedAt: t });
		const old = [at('o3', nowS - 300), at('o2', nowS - 400), at('o1', nowS - 500), at('o0', nowS - 600)];
		const { poll } = trigger({ event: 'newPostByUser', userId: '1' }, { userPosts: { '1': old } });
		api.pageSize = 10;
		await poll();
		api.data.userPosts['1'] = [at('n1', nowS + 240), ...old];
		const first = ids(await poll());
		api.data.userPosts['1'] = [at('n2', nowS + 60), at('n1', nowS + 240), ...old];
		const later = await pollN(poll, 3);
		expect([...first, ...later]).toEqual(['n1', 'n2']);
	});
});

describe('Pullbay TikTok Trigger: a page with no way on during a burst fails the poll instead of ending the burst', () => {
	/** The first answer after this call gets its body changed by `mutate`. */
	const glitchOnce = (mutate: (body: Record<string, unknown>) => Record<string, unknown>) => {
		let used = false;
		const respond = api.respond.bind(api);
		api.override = (request) => {
			const answer = respond(request);
			if (used || !answer.body) return answer;
			used = true;
			return { ...answer, body: mutate(answer.body as Record<string, unknown>) };
		};
	};

	test('a first page saying hasNextPage true with no cursor (G1)', async () => {
		const { poll, reportedErrors } = trigger({ event: 'newPostByUser', userId: '1' }, { userPosts: { '1': feed(1, 5) } });
		api.pageSize = 5;
		await poll();
		api.data.userPosts['1'] = feed(1, 15);
		glitchOnce((body) => ({ ...body, pagination: { page: null, hasNextPage: true, cursor: null, offset: null } }));
		const all = await pollN(poll, 6);
		expect(all).toEqual(postIds(6, 15));
		expect([...thrown, ...reportedErrors.map((error) => error.message)]).toEqual([
			expect.stringMatching(/Pullbay answered hasNextPage true without a cursor.*the next poll reads them again/),
		]);
	});

	test('a second page that repeats the first page and its cursor (G2)', async () => {
		const { poll, reportedErrors } = trigger({ event: 'newPostByUser', userId: '1' }, { userPosts: { '1': feed(1, 5) } });
		api.pageSize = 5;
		await poll();
		api.data.userPosts['1'] = feed(1, 15);
		let first: Record<string, unknown> | undefined;
		let glitched = false;
		const respond = api.respond.bind(api);
		api.override = (request) => {
			const answer = respond(request);
			if (!request.query.cursor && !first) first = answer.body as Record<string, unknown>;
			if (request.query.cursor === 'c5' && !glitched && first) {
				glitched = true;
				return { status: 200, body: first };
			}
			return answer;
		};
		const all = await pollN(poll, 6);
		expect(all).toEqual(postIds(6, 15));
		expect([...thrown, ...reportedErrors.map((error) => error.message)]).toEqual([
			expect.stringMatching(/Pullbay answered the cursor of a page already read \(c5\).*the next poll reads them again/),
		]);
	});
});

describe('Pullbay TikTok Trigger: a new post pinned before its turn', () => {
	test.each([
		[10, 20],
		[30, 3],
	])('page size %i, Max Pages %i: a new post pinned before it was emitted is emitted once (A8)', async (pageSize, maxPages) => {
		const { poll } = trigger({ event: 'newPostByUser', userId: '1', options: { maxPages } }, { userPosts: { '1': feed(1, 5) } });
		api.pageSize = pageSize;
		await poll();
		api.data.userPosts['1'] = feed(1, 125); // 120 new posts, more than Max New Results Per Poll (50)
		const before: unknown[] = [];
		for (let i = 0; i < 20 && before.length === 0; i++) before.push(...(await pollN(poll, 1)));
		expect(before).not.toContain('p56');
		// The creator pins p56, one of the new posts not emitted yet.
		api.data.userPosts['1'] = [post(56), ...feed(1, 125).filter((p) => p.id !== 'p56')];
		const after = await pollN(poll, 30);
		const all = [...before, ...after];
		expect(all.filter((id) => id === 'p56')).toHaveLength(1);
		expect([...all].sort()).toEqual(postIds(6, 125).sort());
	});
});

describe('Pullbay TikTok Trigger: what is the same target', () => {
	const URL = 'https://www.tiktok.com/@tiktok/video/7636131611674692894';
	const PID = '7636131611674692894';
	const comment = (n: number) => ({ ...makeComment(`c${n}`, PID), createdAt: new Date((1714560000 + n) * 1000).toISOString() });

	test('comments watched by post URL: the memory saved by 0.1.0 (raw field value) is taken over (U1)', async () => {
		const { poll, staticData } = trigger({ event: 'newCommentOnPost', postId: URL }, { comments: { [PID]: [comment(2), comment(1)] } });
		// What 0.1.0 saved after its last poll, when only c1 existed: its `watching` held the field as typed.
		Object.assign(staticData(), { watching: JSON.stringify(['newCommentOnPost', URL]), seenIds: ['c1'], watermark: (1714560000 + 1) * 1000 });
		expect(await pollN(poll, 3)).toEqual(['c2']);
	});

	test('a user watched by username without @: the memory saved by 0.1.0 is taken over (U2)', async () => {
		const { poll, staticData } = trigger(
			{ event: 'newPostByUser', userId: 'tiktok' },
			{ users: [makeUser('tiktok', '107955')], userPosts: { '107955': feed(1, 4) } },
		);
		Object.assign(staticData(), {
			watching: JSON.stringify(['newPostByUser', 'tiktok', undefined]),
			userId: '107955',
			seenIds: ['p3', 'p2', 'p1'],
			watermark: (1714560000 + 3) * 1000,
		});
		expect(await pollN(poll, 3)).toEqual(['p4']);
	});

	test('adding the Region option left empty is the same target: nothing starts over (W1)', async () => {
		const { poll, workflow, staticData } = trigger({ event: 'newPostByUser', userId: '1' }, { userPosts: { '1': feed(1, 3) } });
		await poll();
		const watching = staticData().watching;
		api.data.userPosts['1'] = feed(1, 4);
		workflow.nodes['Pullbay TikTok Trigger'].parameters.options = { region: '' };
		expect(await pollN(poll, 3)).toEqual(['p4']);
		expect(staticData().watching).toBe(watching);
	});
});

describe('Pullbay TikTok Trigger: static data stays within its bound', () => {
	/** Serves `list()` newest first, `size()` a page, with offset cursors padded to `pad` characters. */
	const serve = (list: () => Array<Record<string, unknown>>, size: () => number, pad: number) => {
		api.override = (request) => {
			const offset = request.query.cursor ? Number(/^c(\d+)/.exec(request.query.cursor)![1]) : 0;
			const all = list();
			const end = offset + size();
			const hasNextPage = end < all.length;
			return {
				status: 200,
				body: envelope(all.slice(offset, end) as Json[], {
					page: null,
					hasNextPage,
					cursor: hasNextPage ? `c${end}_`.padEnd(pad, 'x') : null,
					offset: null,
				}),
			};
		};
	};

	test('page cursors longer than 200 characters in a burst deeper than one poll fail the poll, saying so, instead of being kept (B1)', async () => {
		let posts = feed(1, 250);
		let size = 250;
		const { poll, staticData, reportedErrors, workflow } = trigger(
			{ event: 'newPostByUser', userId: '1', options: { maxPages: 60 } },
			{ userPosts: { '1': [] } },
		);
		serve(() => posts, () => size, 1200);
		await poll();
		size = 1;
		posts = feed(1, 350);
		expect(await pollN(poll, 2)).toEqual([]);
		expect(JSON.stringify(staticData()).length).toBeLessThanOrEqual(STATE_BYTES_MAX);
		expect(reportedErrors.map((error) => error.message)).toEqual([
			expect.stringMatching(/page cursor of 1200 characters, more than the 200 .* the next poll reads them again/),
			expect.stringMatching(/page cursor of 1200 characters/),
		]);
		// As the message says: with enough pages for one poll, the burst is delivered and nothing is lost.
		workflow.nodes['Pullbay TikTok Trigger'].parameters.options = { maxPages: 200 };
		const delivered = await pollN(poll, 3);
		expect(delivered).toEqual(postIds(251, 350));
	});

	test('search: 1,000 results with 40-character IDs and fractional-second times are kept in whole milliseconds (B2)', async () => {
		let results: Array<Record<string, unknown>> = [];
		const { poll, staticData } = trigger(
			{ event: 'newPostMatchingSearch', keyword: 'cats', options: { maxPages: 10, maxResults: 5000 } },
			{ search: { cats: [] } },
		);
		serve(() => results, () => 200, 3);
		await poll();
		results = Array.from({ length: 1000 }, (_, i) => ({ ...makePost(`1${String(i).padStart(39, '0')}`), uploadedAt: 1714560000 + i + 0.123457 }));
		expect(await poll()).toHaveLength(1000);
		expect(Object.values(staticData().recent as Record<string, number>).every(Number.isInteger)).toBe(true);
		expect(JSON.stringify(staticData()).length).toBeLessThanOrEqual(STATE_BYTES_MAX);
	});
});
