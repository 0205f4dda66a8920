"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const helpers_1 = require("./helpers");
const server_1 = require("./fake-api/server");
const { api, run } = (0, helpers_1.useFakeApi)();
beforeEach(() => {
    api.reset({
        users: [(0, server_1.makeUser)('tiktok', '107955'), (0, server_1.makeUser)('dot.name_1', '555')],
        userPosts: { '107955': (0, server_1.many)(2, '9000', (id) => (0, server_1.makePost)(id)) },
        search: { 'cooking hacks': (0, server_1.many)(2, '8000', (id) => (0, server_1.makePost)(id)) },
        comments: { '7636131611674692894': (0, server_1.many)(2, '700', (id) => (0, server_1.makeComment)(id, '7636131611674692894')) },
        replies: {
            '7636131611674692894/7001': (0, server_1.many)(2, '7001', (id) => (0, server_1.makeComment)(id, '7636131611674692894', '7001')),
        },
        hashtags: [{ id: '12345', name: 'fyp', views: 1234567890 }],
    });
    api.data.userPosts['42'] = [(0, server_1.makePost)('7636131611674692894')];
});
describe('every operation sends the documented request and returns one item per result', () => {
    test('User → Get: GET /tiktok/user/handle/{username} with the bearer key', async () => {
        const { items, error } = await run({ resource: 'user', operation: 'get', username: 'tiktok' });
        expect(error).toBeUndefined();
        expect(api.requests).toHaveLength(1);
        expect(api.requests[0]).toMatchObject({
            method: 'GET',
            path: '/api/tiktok/user/handle/tiktok',
            query: {},
        });
        expect(api.requests[0].headers.authorization).toBe(`Bearer ${server_1.TEST_API_KEY}`);
        expect(items).toHaveLength(1);
        expect(items[0].json).toMatchObject({ id: '107955', username: 'tiktok', followers: 89000000 });
        expect(items[0].pairedItem).toEqual({ item: 0 });
    });
    test('User → Get URL-encodes the handle into the path', async () => {
        await run({ resource: 'user', operation: 'get', username: 'a/b?c' });
        expect(api.requests[0].path).toBe('/api/tiktok/user/handle/a%2Fb%3Fc');
    });
    test('User → Get Posts: GET /tiktok/user/{id}/posts with maxItems and region', async () => {
        const { items } = await run({
            resource: 'user',
            operation: 'getPosts',
            userId: '107955',
            limit: 20,
            options: { region: 'US' },
        });
        expect(api.requests).toHaveLength(1);
        expect(api.requests[0]).toMatchObject({
            method: 'GET',
            path: '/api/tiktok/user/107955/posts',
            query: { maxItems: '20', region: 'US' },
        });
        expect(api.requests[0].headers.authorization).toBe(`Bearer ${server_1.TEST_API_KEY}`);
        expect((0, helpers_1.ids)(items)).toEqual(['90001', '90002']);
    });
    test('Post → Get: GET /tiktok/post/{id} with region', async () => {
        const { items } = await run({
            resource: 'post',
            operation: 'get',
            postId: '7636131611674692894',
            options: { region: 'GB' },
        });
        expect(api.requests[0]).toMatchObject({
            method: 'GET',
            path: '/api/tiktok/post/7636131611674692894',
            query: { region: 'GB' },
        });
        expect((0, helpers_1.ids)(items)).toEqual(['7636131611674692894']);
    });
    test('Post → Get by URL: GET /tiktok/post?url=', async () => {
        const url = 'https://www.tiktok.com/@tiktok/video/7636131611674692894';
        const { items } = await run({ resource: 'post', operation: 'getByUrl', postUrl: ` ${url} ` });
        expect(api.requests[0]).toMatchObject({ method: 'GET', path: '/api/tiktok/post', query: { url } });
        expect((0, helpers_1.ids)(items)).toEqual(['7636131611674692894']);
    });
    test('Post → Search: GET /tiktok/post/search with keyword, region, dateRange, sortType', async () => {
        const { items } = await run({
            resource: 'post',
            operation: 'search',
            keyword: 'cooking hacks',
            limit: 10,
            options: { region: 'US', dateRange: 'this-week', sortType: 'most-liked' },
        });
        expect(api.requests[0]).toMatchObject({
            method: 'GET',
            path: '/api/tiktok/post/search',
            query: {
                keyword: 'cooking hacks',
                region: 'US',
                dateRange: 'this-week',
                sortType: 'most-liked',
                maxItems: '10',
            },
        });
        expect((0, helpers_1.ids)(items)).toEqual(['80001', '80002']);
    });
    test('Comment → Get Many: GET /tiktok/post/{id}/comments', async () => {
        const { items } = await run({
            resource: 'comment',
            operation: 'getAll',
            postId: '7636131611674692894',
            limit: 5,
        });
        expect(api.requests[0]).toMatchObject({
            method: 'GET',
            path: '/api/tiktok/post/7636131611674692894/comments',
            query: { maxItems: '5' },
        });
        expect((0, helpers_1.ids)(items)).toEqual(['7001', '7002']);
        expect(items[0].json).toMatchObject({ text: 'Comment 7001', replyCount: 1 });
    });
    test('Comment → Get Replies: GET /tiktok/post/{id}/comments/{commentId}/replies', async () => {
        const { items } = await run({
            resource: 'comment',
            operation: 'getReplies',
            postId: '7636131611674692894',
            commentId: '7001',
            limit: 5,
        });
        expect(api.requests[0]).toMatchObject({
            method: 'GET',
            path: '/api/tiktok/post/7636131611674692894/comments/7001/replies',
            query: { maxItems: '5' },
        });
        expect((0, helpers_1.ids)(items)).toEqual(['70011', '70012']);
        expect(items[0].json).toMatchObject({ parentId: '7001' });
    });
    test('Hashtag → Get: GET /tiktok/hashtag/handle/{name}', async () => {
        const { items } = await run({ resource: 'hashtag', operation: 'get', hashtagName: 'fyp' });
        expect(api.requests[0]).toMatchObject({
            method: 'GET',
            path: '/api/tiktok/hashtag/handle/fyp',
            query: {},
        });
        expect(items.map((item) => item.json)).toEqual([{ id: '12345', name: 'fyp', views: 1234567890 }]);
    });
    test('a base URL with a trailing slash still yields clean paths', async () => {
        await run({ resource: 'hashtag', operation: 'get', hashtagName: 'fyp' }, { credentials: { apiKey: server_1.TEST_API_KEY, baseUrl: `${api.baseUrl}/` } });
        expect(api.requests[0].path).toBe('/api/tiktok/hashtag/handle/fyp');
    });
});
describe('several input items', () => {
    test('each item is processed with its own parameters and paired to its input', async () => {
        const { items } = await run({ resource: 'user', operation: 'get', username: '={{ $json.handle }}' }, { input: [{ json: { handle: 'tiktok' } }, { json: { handle: 'dot.name_1' } }] });
        expect(api.requests.map((request) => request.path)).toEqual([
            '/api/tiktok/user/handle/tiktok',
            '/api/tiktok/user/handle/dot.name_1',
        ]);
        expect(items.map((item) => [item.json.id, item.pairedItem])).toEqual([
            ['107955', { item: 0 }],
            ['555', { item: 1 }],
        ]);
    });
    test('list results of each item are paired to that item', async () => {
        const { items } = await run({ resource: 'user', operation: 'getPosts', userId: '={{ $json.id }}', returnAll: true }, { input: [{ json: { id: '107955' } }, { json: { id: '42' } }] });
        expect(items.map((item) => [item.json.id, item.pairedItem])).toEqual([
            ['90001', { item: 0 }],
            ['90002', { item: 0 }],
            ['7636131611674692894', { item: 1 }],
        ]);
    });
});
