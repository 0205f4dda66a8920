import fc from 'fast-check';

import { useFakeApi } from './helpers';
import { makePost, makeUser } from './fake-api/server';

/**
 * Every link form TikTok hands out, generated at random and run through the engine in both saved
 * shapes: the editor's check for the mode must accept it (n8n runs those checks when the workflow
 * starts), and the request must carry exactly the handle or post ID inside it (the reference).
 */
const { api, run } = useFakeApi();

const seed = () => api.reset({ users: [], userPosts: {} });
beforeEach(seed);

/** Upper-cases some letters: links pasted from apps and ads come in any case. */
const anyCase = (text: string) =>
	fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }).map((upper) =>
		[...text].map((letter, i) => (upper[i] ? letter.toUpperCase() : letter)).join(''),
	);

const scheme = fc.constantFrom('', 'http://', 'https://').chain(anyCase);
const host = fc.constantFrom('tiktok.com', 'www.tiktok.com', 'm.tiktok.com').chain(anyCase);
/** What may follow the part that names the item. */
const tail = fc.constantFrom('', '/', '?lang=en', '?is_from_webapp=1&sender_device=pc', '#comments', '/video/1');
/** TikTok handles: 2 to 24 letters, digits, underscores and dots, not ending with a dot. */
const handle = fc.stringMatching(/^[a-zA-Z0-9_.]{1,23}[a-zA-Z0-9_]$/);
const postId = fc.stringMatching(/^[1-9]\d{0,18}$/);

const saved = fc.constantFrom('plain string', 'resource locator');
const shaped = (shape: string, mode: string, value: string) =>
	shape === 'plain string' ? value : { __rl: true, mode, value };

const sentPaths = () => api.requests.map((request) => request.path.replace('/api', ''));

test('every profile link names the handle the lookup is sent for', async () => {
	await fc.assert(
		fc.asyncProperty(saved, scheme, host, handle, tail, async (shape, scheme, host, handle, tail) => {
			seed();
			api.data.users.push(makeUser(handle, '1'));
			const link = `${scheme}${host}/@${handle}${tail === '/video/1' ? '' : tail}`;

			const { error } = await run({ resource: 'user', operation: 'get', username: shaped(shape, 'url', link) });

			expect(error).toBeUndefined();
			expect(sentPaths()).toEqual([`/tiktok/user/handle/${encodeURIComponent(handle)}`]);
		}),
		{ numRuns: 60 },
	);
});

const postLink = fc
	.tuple(
		scheme,
		host,
		handle,
		fc.constantFrom('video', 'photo', 'embed/v2', 'embed', 'v').chain(anyCase),
		fc.constantFrom('', '?lang=en', '?is_from_webapp=1&sender_device=pc', '#comments', '/'),
	)
	.map(([scheme, host, handle, kind, tail]) => (id: string) => {
		if (/^v$/i.test(kind)) return `${scheme}${host}/${kind}/${id}.html${tail}`;
		if (/^embed/i.test(kind)) return `${scheme}${host}/${kind}/${id}${tail}`;
		return `${scheme}${host}/@${handle}/${kind}/${id}${tail}`;
	});

test('every post link names the post ID that is sent', async () => {
	await fc.assert(
		fc.asyncProperty(saved, postLink, postId, async (shape, link, id) => {
			seed();
			api.data.userPosts['1'] = [makePost(id)];

			const { items, error } = await run({ resource: 'post', operation: 'get', postId: shaped(shape, 'url', link(id)) });

			expect(error).toBeUndefined();
			expect(sentPaths()).toEqual([`/tiktok/post/${id}`]);
			expect(items.map((item) => item.json.id)).toEqual([id]);
		}),
		{ numRuns: 60 },
	);
});
