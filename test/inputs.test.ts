import type { INodeParameters } from 'n8n-workflow';

import { activeTrigger } from './engine/executeNode';
import { ids, useFakeApi } from './helpers';
import { makeComment, makePost, makeUser, TEST_API_KEY } from './fake-api/server';

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

/**
 * The two shapes a field that picks one thing is saved in: the plain string of workflows saved
 * before it had modes (and of the examples), and the resource locator's value. Every test of
 * accepted values runs both, and both must send the same requests.
 */
const SHAPES = {
	'plain string': (_mode: string, value: string) => value,
	'resource locator': (mode: string, value: string) => ({ __rl: true, mode, value }),
};
type Shape = keyof typeof SHAPES;
const eachShape = <T extends unknown[]>(cases: T[]) =>
	(Object.keys(SHAPES) as Shape[]).flatMap((shape) => cases.map((rest) => [shape, ...rest] as [Shape, ...T]));

describe('inputs are accepted the way users paste them, saved as plain strings or by mode', () => {
	test.each(
		eachShape([
			['username', 'tiktok'],
			['username', '@tiktok'],
			['username', '  tiktok  '],
			['url', 'https://www.tiktok.com/@tiktok'],
			['url', 'https://www.tiktok.com/@tiktok/video/123?lang=en'],
			['url', 'https://m.tiktok.com/@tiktok'],
			['url', 'tiktok.com/@tiktok'],
			['url', 'HTTPS://WWW.TIKTOK.COM/@tiktok'],
		]),
	)('%s: User → Get with %s %j → /tiktok/user/handle/tiktok', async (shape, mode, value) => {
		const { items, error } = await run({ resource: 'user', operation: 'get', username: SHAPES[shape](mode, value) });

		expect(error).toBeUndefined();
		expect(paths()).toEqual(['/tiktok/user/handle/tiktok']);
		expect(items[0].json.id).toBe('107955');
	});

	test.each(
		eachShape([
			['username', 'caf%C3%A9', 'caf%C3%A9'],
			['url', 'https://www.tiktok.com/@caf%C3%A9?lang=en', 'caf%C3%A9'],
			['url', 'https://www.tiktok.com/@a%2525b', 'a%2525b'],
		]),
	)('%s: a percent-encoded handle (%s %j) is decoded once, then encoded once into the path', async (shape, mode, value, sent) => {
		await run({ resource: 'user', operation: 'get', username: SHAPES[shape](mode, value) });
		expect(paths()).toEqual([`/tiktok/user/handle/${sent}`]);
	});

	test.each(
		eachShape([
			['id', POST_ID],
			['id', ` ${POST_ID} `],
			['url', `https://www.tiktok.com/@tiktok/video/${POST_ID}`],
			['url', `https://www.tiktok.com/@tiktok/video/${POST_ID}?is_from_webapp=1&lang=en`],
			['url', `https://www.tiktok.com/@tiktok/photo/${POST_ID}`],
			['url', `https://m.tiktok.com/@tiktok/video/${POST_ID}`],
			['url', `https://m.tiktok.com/v/${POST_ID}.html`],
			['url', `https://www.tiktok.com/embed/v2/${POST_ID}`],
			['url', `https://www.tiktok.com/embed/${POST_ID}`],
			['url', `https://www.tiktok.com/@tiktok/VIDEO/${POST_ID}`],
			['url', `tiktok.com/@tiktok/video/${POST_ID}`],
		]),
	)('%s: Post %s %j is sent as the numeric ID', async (shape, mode, value) => {
		const { error } = await run({ resource: 'post', operation: 'get', postId: SHAPES[shape](mode, value) });

		expect(error).toBeUndefined();
		expect(paths()).toEqual([`/tiktok/post/${POST_ID}`]);
	});

	test.each(eachShape([[]]))('%s: a post URL also works for comments', async (shape) => {
		const { items } = await run({
			resource: 'comment',
			operation: 'getAll',
			postId: SHAPES[shape]('url', `https://www.tiktok.com/@tiktok/video/${POST_ID}?lang=en`),
		});
		expect(paths()).toEqual([`/tiktok/post/${POST_ID}/comments`]);
		expect(items).toHaveLength(1);
	});

	test.each(
		eachShape([
			['name', 'fyp'],
			['name', '#fyp'],
			['name', ' #fyp '],
			['url', 'https://www.tiktok.com/tag/fyp'],
			['url', 'https://www.tiktok.com/tag/fyp?lang=en'],
		]),
	)('%s: Hashtag %s %j → /tiktok/hashtag/handle/fyp', async (shape, mode, value) => {
		const { error } = await run({ resource: 'hashtag', operation: 'get', hashtagName: SHAPES[shape](mode, value) });

		expect(error).toBeUndefined();
		expect(paths()).toEqual(['/tiktok/hashtag/handle/fyp']);
	});

	test('Post URL is trimmed', async () => {
		const url = `https://www.tiktok.com/@tiktok/video/${POST_ID}`;
		await run({ resource: 'post', operation: 'getByUrl', postUrl: `\n ${url} \t` });
		expect(api.requests[0].query).toEqual({ url });
	});

	test.each(eachShape([[]]))('%s: a numeric user ID makes no lookup', async (shape) => {
		await run({ resource: 'user', operation: 'getPosts', userId: SHAPES[shape]('id', '107955'), limit: 5 });
		expect(paths()).toEqual(['/tiktok/user/107955/posts']);
	});

	test.each(
		eachShape([
			['username', 'tiktok'],
			['username', '@tiktok'],
			['url', 'https://www.tiktok.com/@tiktok'],
		]),
	)('%s: User → Get Posts for %s %j resolves the handle with one lookup', async (shape, mode, value) => {
		const { items } = await run({ resource: 'user', operation: 'getPosts', userId: SHAPES[shape](mode, value), limit: 5 });

		expect(paths()).toEqual(['/tiktok/user/handle/tiktok', '/tiktok/user/107955/posts']);
		expect(items.map((item) => item.json.id)).toEqual([POST_ID]);
	});

	test.each(eachShape([[]]))('%s: a handle is looked up once per execution, not per page, per item or per letter case', async (shape) => {
		api.data.userPosts['107955'] = Array.from({ length: 7 }, (_, i) => makePost(`p${i}`));
		api.pageSize = 3;

		const { items } = await run(
			{ resource: 'user', operation: 'getPosts', userId: SHAPES[shape]('username', '={{ $json.who }}'), returnAll: true },
			{ input: [{ json: { who: '@tiktok' } }, { json: { who: 'TikTok' } }, { json: { who: 'other' } }] },
		);

		const lookups = paths().filter((path) => path.startsWith('/tiktok/user/handle/'));
		expect(lookups.sort()).toEqual(['/tiktok/user/handle/other', '/tiktok/user/handle/tiktok']);
		expect(paths().filter((path) => path === '/tiktok/user/107955/posts')).toHaveLength(6);
		expect(items).toHaveLength(7 + 7 + 1);
	});

	test.each(eachShape([[]]))('%s: a value an AI agent fills in with $fromAI is read like a typed one', async (shape) => {
		const { items, error } = await run(
			{ resource: 'post', operation: 'get', postId: SHAPES[shape]('url', "={{ $fromAI('post', 'TikTok post link') }}") },
			{ input: [{ json: { post: `https://m.tiktok.com/v/${POST_ID}.html` } }] },
		);

		expect(error).toBeUndefined();
		expect(paths()).toEqual([`/tiktok/post/${POST_ID}`]);
		expect(items).toHaveLength(1);
	});

	test('a handle that does not exist fails with the handle named, before any posts request', async () => {
		const { error } = await run({ resource: 'user', operation: 'getPosts', userId: '@ghost' });

		expect(error?.message).toBe('The TikTok user @ghost was not found (User not found, NOT_FOUND)');
		expect(paths()).toEqual(['/tiktok/user/handle/ghost']);
	});
});

describe('the trigger reads User and Post the same way, in both saved shapes', () => {
	test.each(eachShape([[]]))('%s: New Post by User from a profile link, New Comment on Post from an m.tiktok.com link', async (shape) => {
		const credentials = { apiKey: TEST_API_KEY, baseUrl: api.baseUrl };
		const byUser = activeTrigger({ event: 'newPostByUser', userId: SHAPES[shape]('url', 'https://www.tiktok.com/@tiktok') }, credentials);
		const onPost = activeTrigger(
			{ event: 'newCommentOnPost', postId: SHAPES[shape]('url', `https://m.tiktok.com/v/${POST_ID}.html`) },
			credentials,
		);

		expect(ids(await byUser.poll('manual'))).toEqual([POST_ID]);
		expect(paths().slice(0, 2)).toEqual(['/tiktok/user/handle/tiktok', '/tiktok/user/107955/posts']);
		api.requests = [];
		expect(ids(await onPost.poll('manual'))).toEqual(['c1']);
		expect(new Set(paths())).toEqual(new Set([`/tiktok/post/${POST_ID}/comments`]));
	});
});

describe('each mode checks its value in the editor, before the workflow runs', () => {
	// n8n runs the same checks when the workflow starts, so an engine run shows what the editor shows.
	const locator = (mode: string, value: string) => ({ __rl: true, mode, value });
	test.each([
		['User → Get by Username', { resource: 'user', operation: 'get', username: locator('username', 'a b') }, 'Enter a TikTok handle such as tiktok or @tiktok'],
		['User → Get by URL', { resource: 'user', operation: 'get', username: locator('url', 'https://example.com/@tiktok') }, 'Enter a TikTok profile or post link with the handle after @'],
		['User → Get by URL, a short link', { resource: 'user', operation: 'get', username: locator('url', 'https://vm.tiktok.com/ZMabc123/') }, 'open the link in a browser and copy the profile URL or the handle'],
		['Get Posts by Username, all digits', { resource: 'user', operation: 'getPosts', userId: locator('username', '107955') }, 'A handle of only digits needs its @, such as @107955; for a numeric user ID choose By ID'],
		['Get Posts by ID', { resource: 'user', operation: 'getPosts', userId: locator('id', '@tiktok') }, 'Enter the numeric user ID, such as 107955'],
		['Post by ID', { resource: 'post', operation: 'get', postId: locator('id', 'abc') }, 'Enter the post number of 1 to 50 digits'],
		['Post by URL', { resource: 'post', operation: 'get', postId: locator('url', 'https://www.tiktok.com/@tiktok') }, 'Enter a TikTok post link with /video/ or /photo/ and the post number'],
		['Post by URL, a short link', { resource: 'comment', operation: 'getAll', postId: locator('url', 'https://vt.tiktok.com/ZSabc/') }, 'use Post → Get by URL with this link'],
		['Hashtag by Name', { resource: 'hashtag', operation: 'get', hashtagName: locator('name', 'two words') }, 'Enter a hashtag such as fyp or #fyp'],
		['Hashtag by URL', { resource: 'hashtag', operation: 'get', hashtagName: locator('url', 'https://www.tiktok.com/@fyp') }, 'Enter a TikTok hashtag link such as https://www.tiktok.com/tag/fyp'],
	])('%s refuses what it cannot take, saying what it takes', async (_name, parameters, message) => {
		await expect(run(parameters)).rejects.toThrow(message);
		expect(api.requests).toHaveLength(0);
	});

	test('a short link gets only the short-link message, not a format message as well', async () => {
		const rejection = run({ resource: 'post', operation: 'get', postId: locator('url', 'https://vm.tiktok.com/ZMabc123/') });
		await expect(rejection).rejects.toThrow('use Post → Get by URL');
		await expect(rejection).rejects.not.toThrow('Enter a TikTok post link');
	});

	test('the message names the item and the description says what to enter', async () => {
		const { error } = await run(
			{ resource: 'hashtag', operation: 'get', hashtagName: '={{ $json.tag }}' },
			{ input: [{ json: { tag: 'fyp' } }, { json: { tag: ' ' } }] },
		);

		expect(error?.message).toBe('Invalid Hashtag " ": expected a hashtag of 1 to 100 characters, such as fyp, #fyp or https://www.tiktok.com/tag/fyp [item 1]');
		expect(error?.description).toBe("Change 'Hashtag' to a hashtag of 1 to 100 characters, such as fyp, #fyp or https://www.tiktok.com/tag/fyp. No request was sent, so no credits were spent.");
	});

	test('an expression is checked when it runs, not in the editor', async () => {
		const { error } = await run({ resource: 'post', operation: 'get', postId: locator('id', '={{ "abc" }}') });
		expect(error?.message).toContain('Invalid Post "abc"');
		expect(api.requests).toHaveLength(0);
	});
});

describe('short links and malformed links fail before any request, saying what to do', () => {
	test.each([
		['User → Get', { resource: 'user', operation: 'get', username: 'https://vm.tiktok.com/ZMabc123/' }, 'Invalid User "https://vm.tiktok.com/ZMabc123/": Short links (vm.tiktok.com) name a user only once opened'],
		['User → Get Posts', { resource: 'user', operation: 'getPosts', userId: 'vt.tiktok.com/ZSabc/' }, 'open the link in a browser and copy the profile URL or the handle'],
		['Post → Get', { resource: 'post', operation: 'get', postId: 'https://www.tiktok.com/t/ZTabc/' }, 'use Post → Get by URL with this link'],
		['a malformed handle link', { resource: 'user', operation: 'get', username: 'https://www.tiktok.com/@abc%E0%A4%A' }, 'Invalid User "https://www.tiktok.com/@abc%E0%A4%A": its percent-encoding (the %XX sequences) is malformed'],
		['a malformed hashtag link', { resource: 'hashtag', operation: 'get', hashtagName: 'https://www.tiktok.com/tag/%ZZ' }, 'Invalid Hashtag "https://www.tiktok.com/tag/%ZZ": its percent-encoding'],
	])('%s', async (_name, parameters, message) => {
		const { error } = await run(parameters);

		expect(error?.message).toContain(message);
		expect(error?.description).toMatch(/No request was sent, so no credits were spent\.$/);
		expect(api.requests).toHaveLength(0);
	});

	test('Post → Get by URL still sends a short link as it is: Pullbay follows it', async () => {
		await run({ resource: 'post', operation: 'getByUrl', postUrl: 'https://vm.tiktok.com/ZMabc123/' });
		expect(api.requests[0].query).toEqual({ url: 'https://vm.tiktok.com/ZMabc123/' });
	});
});

describe('invalid inputs fail before any request, naming the field, the value and what is allowed', () => {
	const cases: Array<[string, INodeParameters, string]> = [
		['blank Username', { resource: 'user', operation: 'get', username: '  @ ' }, 'Invalid User "  @ "'],
		['Username over 100 characters', { resource: 'user', operation: 'get', username: 'a'.repeat(101) }, 'Invalid User'],
		['Username from an empty expression', { resource: 'user', operation: 'get', username: '={{ $json.missing }}' }, 'Invalid User "": expected'],
		['non-numeric Post ID', { resource: 'post', operation: 'get', postId: 'abc' }, 'Invalid Post "abc": expected a numeric post ID of 1 to 50 digits'],
		['Post ID over 50 digits', { resource: 'post', operation: 'get', postId: '1'.repeat(51) }, 'Invalid Post'],
		['empty Comment ID', { resource: 'comment', operation: 'getReplies', postId: POST_ID, commentId: ' ' }, 'Invalid Comment ID " "'],
		['empty Hashtag Name', { resource: 'hashtag', operation: 'get', hashtagName: '#' }, 'Invalid Hashtag "#"'],
		['blank Keyword', { resource: 'post', operation: 'search', keyword: '   ' }, 'Invalid Keyword "   ": expected a search term of 1 to 100 characters'],
		['Keyword over 100 characters', { resource: 'post', operation: 'search', keyword: 'k'.repeat(101) }, 'Invalid Keyword'],
		['Region of 1 character', { resource: 'post', operation: 'search', keyword: 'cats', options: { region: 'U' } }, 'Invalid Region "U": expected a region or country code of 2 to 5 characters'],
		['Region of 6 characters', { resource: 'post', operation: 'get', postId: POST_ID, options: { region: 'ABCDEF' } }, 'Invalid Region "ABCDEF"'],
		['Post URL that is not a URL', { resource: 'post', operation: 'getByUrl', postUrl: 'tiktok video' }, 'Invalid Post URL "tiktok video": expected an http(s) URL'],
		['Post URL over 2048 characters', { resource: 'post', operation: 'getByUrl', postUrl: `https://www.tiktok.com/${'x'.repeat(2040)}` }, 'Invalid Post URL'],
		['Username of dots, which would change the request path', { resource: 'user', operation: 'get', username: '@..' }, 'Invalid User "@.."'],
		['User ID handle of dots', { resource: 'user', operation: 'getPosts', userId: 'https://www.tiktok.com/@./' }, 'Invalid User'],
		['Comment ID of dots', { resource: 'comment', operation: 'getReplies', postId: POST_ID, commentId: '..' }, 'Invalid Comment ID ".."'],
		['Limit of 0', { resource: 'comment', operation: 'getAll', postId: POST_ID, limit: 0 }, 'Invalid Limit 0: expected a whole number of at least 1'],
		['fractional Limit', { resource: 'comment', operation: 'getAll', postId: POST_ID, limit: 2.5 }, 'Invalid Limit 2.5'],
		['Limit from an expression that is not a number', { resource: 'comment', operation: 'getAll', postId: POST_ID, limit: '={{ "many" }}' }, 'Invalid Limit "many"'],
		['Max Pages of 0', { resource: 'comment', operation: 'getAll', postId: POST_ID, returnAll: true, options: { maxPages: 0 } }, 'Invalid Max Pages 0'],
		['User ID from an empty expression', { resource: 'user', operation: 'getPosts', userId: '={{ "" }}' }, 'Invalid User "": expected a numeric user ID'],
	];

	test.each(cases)('%s', async (_name, parameters, message) => {
		const { error } = await run(parameters);

		expect(error?.message).toContain(message);
		expect(error?.description).toMatch(/No request was sent, so no credits were spent\.$/);
		expect(api.requests).toHaveLength(0);
	});

	test.each([
		['empty plain string', ''],
		['resource locator with no value', { __rl: true, mode: 'username', value: '' }],
	])('a required field left empty (%s) is refused by n8n itself before the node runs', async (_shape, username) => {
		await expect(run({ resource: 'user', operation: 'get', username })).rejects.toThrow('Parameter "User" is required');
		expect(api.requests).toHaveLength(0);
	});
});
