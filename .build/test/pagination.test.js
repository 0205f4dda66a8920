"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const helpers_1 = require("./helpers");
const server_1 = require("./fake-api/server");
const { api, run } = (0, helpers_1.useFakeApi)();
const POST_ID = '7636131611674692894';
const queries = () => api.requests.map((request) => request.query);
describe('Return All', () => {
    test('follows the cursor until hasNextPage is false: every result once, in order', async () => {
        api.data.userPosts['107955'] = (0, server_1.many)(8, 'p', (id) => (0, server_1.makePost)(id));
        api.pageSize = 3;
        const { items } = await run({
            resource: 'user',
            operation: 'getPosts',
            userId: '107955',
            returnAll: true,
            options: { region: 'US' },
        });
        expect((0, helpers_1.ids)(items)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8']);
        expect(queries()).toEqual([
            { region: 'US' },
            { region: 'US', cursor: 'c3' },
            { region: 'US', cursor: 'c6' },
        ]);
    });
    test('keeps the search parameters on every page', async () => {
        api.data.search['cats'] = (0, server_1.many)(5, 's', (id) => (0, server_1.makePost)(id));
        api.pageSize = 2;
        const { items } = await run({
            resource: 'post',
            operation: 'search',
            keyword: 'cats',
            returnAll: true,
            options: { region: 'US', sortType: 'recent' },
        });
        expect((0, helpers_1.ids)(items)).toEqual(['s1', 's2', 's3', 's4', 's5']);
        expect(queries()).toEqual([
            { keyword: 'cats', region: 'US', sortType: 'recent' },
            { keyword: 'cats', region: 'US', sortType: 'recent', cursor: 'c2' },
            { keyword: 'cats', region: 'US', sortType: 'recent', cursor: 'c4' },
        ]);
    });
    test('makes ceil(N / page size) requests for comment replies', async () => {
        api.data.replies[`${POST_ID}/c1`] = (0, server_1.many)(10, 'r', (id) => (0, server_1.makeComment)(id, POST_ID, 'c1'));
        api.pageSize = 5;
        const { items } = await run({
            resource: 'comment',
            operation: 'getReplies',
            postId: POST_ID,
            commentId: 'c1',
            returnAll: true,
        });
        expect(items).toHaveLength(10);
        expect(api.requests).toHaveLength(2);
        expect(api.requests.every((r) => r.path === `/api/tiktok/post/${POST_ID}/comments/c1/replies`)).toBe(true);
    });
    test('an empty list is zero items after one request', async () => {
        api.data.comments[POST_ID] = [];
        const { items, error } = await run({
            resource: 'comment',
            operation: 'getAll',
            postId: POST_ID,
            returnAll: true,
        });
        expect(error).toBeUndefined();
        expect(items).toEqual([]);
        expect(api.requests).toHaveLength(1);
    });
});
describe('Limit', () => {
    test('within the cap: one request with maxItems and no cursor', async () => {
        api.data.search['cats'] = (0, server_1.many)(300, 's', (id) => (0, server_1.makePost)(id));
        const { items } = await run({ resource: 'post', operation: 'search', keyword: 'cats', limit: 200 });
        expect(items).toHaveLength(200);
        expect(queries()).toEqual([{ keyword: 'cats', maxItems: '200' }]);
    });
    test('defaults to 50 in one request', async () => {
        api.data.comments[POST_ID] = (0, server_1.many)(80, 'c', (id) => (0, server_1.makeComment)(id, POST_ID));
        const { items } = await run({ resource: 'comment', operation: 'getAll', postId: POST_ID });
        expect(items).toHaveLength(50);
        expect(queries()).toEqual([{ maxItems: '50' }]);
    });
    test('above the cap: cursor pages without maxItems, trimmed to the limit', async () => {
        api.data.comments[POST_ID] = (0, server_1.many)(700, 'c', (id) => (0, server_1.makeComment)(id, POST_ID));
        api.pageSize = 100;
        const { items } = await run({
            resource: 'comment',
            operation: 'getAll',
            postId: POST_ID,
            limit: 550,
        });
        expect(items).toHaveLength(550);
        expect((0, helpers_1.ids)(items).slice(-2)).toEqual(['c549', 'c550']);
        expect(api.requests).toHaveLength(6);
        expect(queries().some((query) => 'maxItems' in query)).toBe(false);
        expect(queries()[5]).toEqual({ cursor: 'c500' });
    });
    test('above the cap stops when the results run out first', async () => {
        api.data.userPosts['1'] = (0, server_1.many)(7, 'p', (id) => (0, server_1.makePost)(id));
        api.pageSize = 3;
        const { items } = await run({ resource: 'user', operation: 'getPosts', userId: '1', limit: 250 });
        expect((0, helpers_1.ids)(items)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7']);
        expect(api.requests).toHaveLength(3);
    });
});
