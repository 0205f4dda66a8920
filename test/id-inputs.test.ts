import { makePost, makeUser } from './fake-api/server';
import { ids, useFakeApi } from './helpers';

const { api, run } = useFakeApi();

describe('inputs that look alike are told apart', () => {
	test('@1234567 is a handle (looked up); 1234567 is a user ID', async () => {
		api.reset({ users: [makeUser('1234567', '42')], userPosts: { '42': [makePost('a')], '1234567': [makePost('b')] } });

		const { items } = await run(
			{ resource: 'user', operation: 'getPosts', userId: '={{ $json.user }}', limit: 5 },
			{ input: [{ json: { user: '@1234567' } }, { json: { user: '1234567' } }] },
		);

		expect(ids(items)).toEqual(['a', 'b']);
		expect(api.requests.map((request) => request.path).sort()).toEqual([
			'/api/tiktok/user/1234567/posts',
			'/api/tiktok/user/42/posts',
			'/api/tiktok/user/handle/1234567',
		]);
	});

	test.each([
		['Post', { resource: 'post', operation: 'get', postId: '={{ 7636131611674692894 }}' }],
		['Comment ID', { resource: 'comment', operation: 'getReplies', postId: '1', commentId: '={{ 7636187917325304607 }}' }],
		['User', { resource: 'user', operation: 'getPosts', userId: '={{ 9007199254740993 }}' }],
	])('a %s that arrives as a number beyond 2^53 is refused before any request', async (label, parameters) => {
		const { error } = await run(parameters);

		expect(error?.message).toMatch(new RegExp(`^Invalid ${label} \\d+: it arrived as a number too large to keep all its digits`));
		expect(error?.message).toContain('Pass IDs as text');
		expect(api.requests).toHaveLength(0);
	});

	test('a Post ID that arrives as a safe number is accepted', async () => {
		api.reset({ userPosts: { '1': [makePost('123456')] } });

		const { items } = await run({ resource: 'post', operation: 'get', postId: '={{ 123456 }}' });

		expect(ids(items)).toEqual(['123456']);
	});
});
