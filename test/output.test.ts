/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- never shipped (package.json "files" is dist/ only): development tooling that runs on Node.js, outside n8n, and reads the example workflows with Node built-ins */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeParameters } from 'n8n-workflow';

import { useFakeApi } from './helpers';
import { makeComment, makePost, makeUser } from './fake-api/server';

const { api, run } = useFakeApi();

const POST_ID = '7636131611674692894';

beforeEach(() => {
	api.reset({
		users: [makeUser('tiktok', '107955')],
		userPosts: { '107955': [makePost(POST_ID)] },
		search: { cats: [makePost(POST_ID)] },
		comments: { [POST_ID]: [makeComment('c1', POST_ID)] },
		replies: { [`${POST_ID}/c1`]: [makeComment('r1', POST_ID, 'c1')] },
		hashtags: [{ id: '12345', name: 'fyp', views: 1234567890, extra: 'dropped' }],
	});
});

const paths = () => api.requests.map((request) => request.path.replace('/api', ''));

const simplePost = {
	id: POST_ID,
	url: `https://www.tiktok.com/@tiktok/video/${POST_ID}`,
	title: `Post ${POST_ID}`,
	authorUsername: 'tiktok',
	uploadedAt: '2024-05-01T00:00:00Z',
	views: 750000,
	likes: 12500,
	comments: 793,
	shares: 1250,
	bookmarks: 320,
};

describe('Output → Raw returns every field', () => {
	test.each([
		['by default, as a workflow saved with Simplify off has it', {}],
		['when chosen', { simplify: false }],
	])('%s', async (_name, output) => {
		const { items } = await run({ resource: 'post', operation: 'get', postId: POST_ID, ...output });
		expect(items[0].json).toEqual(makePost(POST_ID));
	});
});

// `simplify: true` is both what Output → Simplified saves and what the Simplify switch saved.
describe('Output → Simplified returns the fields people map, per resource', () => {
	test.each([
		['Post → Get', { resource: 'post', operation: 'get', postId: POST_ID }],
		['Post → Get by URL', { resource: 'post', operation: 'getByUrl', postUrl: simplePost.url }],
		['Post → Search', { resource: 'post', operation: 'search', keyword: 'cats' }],
		['User → Get Posts', { resource: 'user', operation: 'getPosts', userId: '107955' }],
	])('%s: posts', async (_name, parameters) => {
		const { items } = await run({ ...parameters, simplify: true });
		expect(items.map((item) => item.json)).toEqual([simplePost]);
	});

	test('User → Get: users', async () => {
		const { items } = await run({ resource: 'user', operation: 'get', username: 'tiktok', simplify: true });
		expect(items[0].json).toEqual({
			id: '107955',
			username: 'tiktok',
			nickname: 'TIKTOK',
			followers: 89000000,
			likes: 1300000000,
			videos: 1100,
			verified: true,
			url: 'https://www.tiktok.com/@tiktok',
		});
	});

	test('Comment → Get Many and Get Replies: comments', async () => {
		const comments = await run({ resource: 'comment', operation: 'getAll', postId: POST_ID, simplify: true });
		const replies = await run({
			resource: 'comment',
			operation: 'getReplies',
			postId: POST_ID,
			commentId: 'c1',
			simplify: true,
		});

		expect(comments.items[0].json).toEqual({
			id: 'c1',
			text: 'Comment c1',
			authorUsername: 'someuser',
			likes: 25,
			replies: 1,
			createdAt: '2026-05-05T19:46:32.000Z',
		});
		expect(replies.items[0].json).toEqual({
			id: 'r1',
			text: 'Comment r1',
			authorUsername: 'someuser',
			likes: 25,
			replies: undefined,
			createdAt: '2026-05-05T19:46:32.000Z',
		});
	});

	test('Hashtag → Get: hashtags', async () => {
		const { items } = await run({ resource: 'hashtag', operation: 'get', hashtagName: 'fyp', simplify: true });
		expect(items[0].json).toEqual({ id: '12345', name: 'fyp', views: 1234567890 });
	});

	test('a handle lookup for Get Posts still works with Simplify on', async () => {
		const { items } = await run({ resource: 'user', operation: 'getPosts', userId: '@tiktok', simplify: true });
		expect(items.map((item) => item.json)).toEqual([simplePost]);
	});
});

describe('Output → Selected Fields returns the fields picked, always with the ID', () => {
	test('Post → Search: the picked fields, the ID first', async () => {
		const { items } = await run({
			resource: 'post',
			operation: 'search',
			keyword: 'cats',
			simplify: 'selectedFields',
			fields: ['views', 'title'],
		});
		expect(items.map((item) => Object.entries(item.json))).toEqual([
			[
				['id', POST_ID],
				['views', 750000],
				['title', `Post ${POST_ID}`],
			],
		]);
	});

	test('no field picked: the ID alone, which an agent can pass to the next call', async () => {
		const { items } = await run({ resource: 'user', operation: 'get', username: 'tiktok', simplify: 'selectedFields' });
		expect(items[0].json).toEqual({ id: '107955' });
	});

	test('a picked field a result lacks is left out, not set to null', async () => {
		const { items } = await run({
			resource: 'comment',
			operation: 'getReplies',
			postId: POST_ID,
			commentId: 'c1',
			simplify: 'selectedFields',
			fields: ['text', 'replyCount'],
		});
		expect(items[0].json).toEqual({ id: 'r1', text: 'Comment r1' });
	});
});

describe('workflows saved before the Output option and the resource locators give the same output', () => {
	// The parameters of examples/daily-creator-report.json as saved then: Simplify on, plain strings.
	test('"Get creator": username "@tiktok", simplify true', async () => {
		const { items } = await run({ resource: 'user', operation: 'get', username: '@tiktok', simplify: true });
		expect(paths()).toEqual(['/tiktok/user/handle/tiktok']);
		expect(Object.keys(items[0].json)).toEqual(['id', 'username', 'nickname', 'followers', 'likes', 'videos', 'verified', 'url']);
	});

	test('"Get last 30 posts": userId from an expression, limit 30, simplify true', async () => {
		const { items } = await run(
			{ resource: 'user', operation: 'getPosts', userId: '={{ $json.id }}', limit: 30, simplify: true },
			{ input: [{ json: { id: '107955' } }] },
		);
		expect(paths()).toEqual(['/tiktok/user/107955/posts']);
		expect(items.map((item) => item.json)).toEqual([simplePost]);
	});
});

describe('the example workflows, as saved now, run', () => {
	const example = JSON.parse(readFileSync(join(__dirname, '..', 'examples', 'daily-creator-report.json'), 'utf8')) as {
		nodes: Array<{ name: string; parameters: INodeParameters }>;
	};
	const saved = (name: string) => example.nodes.find((node) => node.name === name)!.parameters;

	test('examples/daily-creator-report.json: Get creator, then its last 30 posts, simplified', async () => {
		const creator = await run(saved('Get creator'));
		const posts = await run(saved('Get last 30 posts'), { input: creator.items });

		expect(paths()).toEqual(['/tiktok/user/handle/tiktok', '/tiktok/user/107955/posts']);
		expect(posts.items.map((item) => item.json)).toEqual([simplePost]);
	});
});
