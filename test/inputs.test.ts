import type { INodeParameters } from 'n8n-workflow';

import { useFakeApi } from './helpers';
import { makeComment, makePost, makeUser } from './fake-api/server';

const { api, run } = useFakeApi();

const POST_ID = '7636131611674692894';

beforeEach(() => {
	api.reset({
		users: [makeUser('tiktok', '107955'), makeUser('other', '200')],
		userPosts: { '107955': [makePost(POST_ID)], '200': [makePost('1')] },
		comments: { [POST_ID]: [makeComment('c1', POST_ID)] },
		hashtags: [{ id: '1', name: 'fyp', views: 10 }],
	});
});

const paths = () => api.requests.map((request) => request.path.replace('/api', ''));

describe('inputs are accepted the way users paste them', () => {
	test.each([
		'tiktok',
		'@tiktok',
		'  tiktok  ',
		'https://www.tiktok.com/@tiktok',
		'https://www.tiktok.com/@tiktok/video/123?lang=en',
		'tiktok.com/@tiktok',
	])('Username %j → /tiktok/user/handle/tiktok', async (username) => {
		const { items, error } = await run({ resource: 'user', operation: 'get', username });

		expect(error).toBeUndefined();
		expect(paths()).toEqual(['/tiktok/user/handle/tiktok']);
		expect(items[0].json.id).toBe('107955');
	});

	test.each([
		POST_ID,
		`https://www.tiktok.com/@tiktok/video/${POST_ID}`,
		`https://www.tiktok.com/@tiktok/video/${POST_ID}?is_from_webapp=1&lang=en`,
		`https://www.tiktok.com/@tiktok/photo/${POST_ID}`,
		` ${POST_ID} `,
	])('Post ID %j is sent as the numeric ID', async (postId) => {
		const { error } = await run({ resource: 'post', operation: 'get', postId });

		expect(error).toBeUndefined();
		expect(paths()).toEqual([`/tiktok/post/${POST_ID}`]);
	});

	test('Post ID as a video URL also works for comments', async () => {
		const { items } = await run({
			resource: 'comment',
			operation: 'getAll',
			postId: `https://www.tiktok.com/@tiktok/video/${POST_ID}?lang=en`,
		});
		expect(paths()).toEqual([`/tiktok/post/${POST_ID}/comments`]);
		expect(items).toHaveLength(1);
	});

	test.each(['fyp', '#fyp', 'https://www.tiktok.com/tag/fyp', ' #fyp '])(
		'Hashtag Name %j → /tiktok/hashtag/handle/fyp',
		async (hashtagName) => {
			const { error } = await run({ resource: 'hashtag', operation: 'get', hashtagName });

			expect(error).toBeUndefined();
			expect(paths()).toEqual(['/tiktok/hashtag/handle/fyp']);
		},
	);

	test('Post URL is trimmed', async () => {
		const url = `https://www.tiktok.com/@tiktok/video/${POST_ID}`;
		await run({ resource: 'post', operation: 'getByUrl', postUrl: `\n ${url} \t` });
		expect(api.requests[0].query).toEqual({ url });
	});

	test('User ID as a number makes no lookup', async () => {
		await run({ resource: 'user', operation: 'getPosts', userId: '107955', limit: 5 });
		expect(paths()).toEqual(['/tiktok/user/107955/posts']);
	});

	test.each(['tiktok', '@tiktok', 'https://www.tiktok.com/@tiktok'])(
		'User ID given as the handle %j is resolved with one lookup',
		async (userId) => {
			const { items } = await run({ resource: 'user', operation: 'getPosts', userId, limit: 5 });

			expect(paths()).toEqual(['/tiktok/user/handle/tiktok', '/tiktok/user/107955/posts']);
			expect(items.map((item) => item.json.id)).toEqual([POST_ID]);
		},
	);

	test('a handle is looked up once per execution, not per page or per item', async () => {
		api.data.userPosts['107955'] = Array.from({ length: 7 }, (_, i) => makePost(`p${i}`));
		api.pageSize = 3;

		const { items } = await run(
			{ resource: 'user', operation: 'getPosts', userId: '={{ $json.who }}', returnAll: true },
			{ input: [{ json: { who: '@tiktok' } }, { json: { who: 'tiktok' } }, { json: { who: 'other' } }] },
		);

		const lookups = paths().filter((path) => path.startsWith('/tiktok/user/handle/'));
		expect(lookups.sort()).toEqual(['/tiktok/user/handle/other', '/tiktok/user/handle/tiktok']);
		expect(paths().filter((path) => path === '/tiktok/user/107955/posts')).toHaveLength(6);
		expect(items).toHaveLength(7 + 7 + 1);
	});

	test('a handle that does not exist fails with the handle named, before any posts request', async () => {
		const { error } = await run({ resource: 'user', operation: 'getPosts', userId: '@ghost' });

		expect(error?.message).toBe('The TikTok user @ghost was not found (User not found, NOT_FOUND)');
		expect(paths()).toEqual(['/tiktok/user/handle/ghost']);
	});
});

describe('invalid inputs fail before any request, naming the field, the value and what is allowed', () => {
	const cases: Array<[string, INodeParameters, string]> = [
		['blank Username', { resource: 'user', operation: 'get', username: '  @ ' }, 'Invalid Username "  @ "'],
		['Username over 100 characters', { resource: 'user', operation: 'get', username: 'a'.repeat(101) }, 'Invalid Username'],
		['Username from an empty expression', { resource: 'user', operation: 'get', username: '={{ $json.missing }}' }, 'Invalid Username "": expected'],
		['non-numeric Post ID', { resource: 'post', operation: 'get', postId: 'abc' }, 'Invalid Post ID "abc": expected a numeric post ID of 1 to 50 digits'],
		['Post ID over 50 digits', { resource: 'post', operation: 'get', postId: '1'.repeat(51) }, 'Invalid Post ID'],
		['empty Comment ID', { resource: 'comment', operation: 'getReplies', postId: POST_ID, commentId: ' ' }, 'Invalid Comment ID " "'],
		['empty Hashtag Name', { resource: 'hashtag', operation: 'get', hashtagName: '#' }, 'Invalid Hashtag Name "#"'],
		['blank Keyword', { resource: 'post', operation: 'search', keyword: '   ' }, 'Invalid Keyword "   ": expected a search term of 1 to 100 characters'],
		['Keyword over 100 characters', { resource: 'post', operation: 'search', keyword: 'k'.repeat(101) }, 'Invalid Keyword'],
		['Region of 1 character', { resource: 'post', operation: 'search', keyword: 'cats', options: { region: 'U' } }, 'Invalid Region "U": expected a region or country code of 2 to 5 characters'],
		['Region of 6 characters', { resource: 'post', operation: 'get', postId: POST_ID, options: { region: 'ABCDEF' } }, 'Invalid Region "ABCDEF"'],
		['Post URL that is not a URL', { resource: 'post', operation: 'getByUrl', postUrl: 'tiktok video' }, 'Invalid Post URL "tiktok video": expected an http(s) URL'],
		['Post URL over 2048 characters', { resource: 'post', operation: 'getByUrl', postUrl: `https://www.tiktok.com/${'x'.repeat(2040)}` }, 'Invalid Post URL'],
		['Limit of 0', { resource: 'comment', operation: 'getAll', postId: POST_ID, limit: 0 }, 'Invalid Limit 0: expected a whole number of at least 1'],
		['fractional Limit', { resource: 'comment', operation: 'getAll', postId: POST_ID, limit: 2.5 }, 'Invalid Limit 2.5'],
		['Limit from an expression that is not a number', { resource: 'comment', operation: 'getAll', postId: POST_ID, limit: '={{ "many" }}' }, 'Invalid Limit "many"'],
		['Max Pages of 0', { resource: 'comment', operation: 'getAll', postId: POST_ID, returnAll: true, options: { maxPages: 0 } }, 'Invalid Max Pages 0'],
		['User ID from an empty expression', { resource: 'user', operation: 'getPosts', userId: '={{ "" }}' }, 'Invalid User ID "": expected a numeric user ID'],
	];

	test.each(cases)('%s', async (_name, parameters, message) => {
		const { error } = await run(parameters);

		expect(error?.message).toContain(message);
		expect(error?.description).toBe('No request was sent, so no credits were spent.');
		expect(api.requests).toHaveLength(0);
	});

	test('a required field left empty is refused by n8n itself before the node runs', async () => {
		await expect(run({ resource: 'user', operation: 'get', username: '' })).rejects.toThrow(
			'Parameter "Username" is required',
		);
		expect(api.requests).toHaveLength(0);
	});

	test('with Continue On Fail the invalid item becomes an error item and valid items still run', async () => {
		const { items } = await run(
			{ resource: 'hashtag', operation: 'get', hashtagName: '={{ $json.tag }}' },
			{
				input: [{ json: { tag: 'fyp' } }, { json: { tag: '' } }, { json: { tag: '#fyp' } }],
				onError: 'continueRegularOutput',
			},
		);

		expect(items.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ id: '1', name: 'fyp', views: 10 }, { item: 0 }],
			[{ error: expect.stringContaining('Invalid Hashtag Name ""') }, { item: 1 }],
			[{ id: '1', name: 'fyp', views: 10 }, { item: 2 }],
		]);
		expect(api.requests).toHaveLength(2);
	});
});
