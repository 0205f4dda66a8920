import { makePost, makeUser, many } from './fake-api/server';
import { ids, useFakeApi } from './helpers';

const { api, run } = useFakeApi();

const getUser = { resource: 'user', operation: 'get', username: 'tiktok' };
const allPosts = { resource: 'user', operation: 'getPosts', userId: '1', returnAll: true };

beforeEach(() => {
	api.reset({ users: [makeUser('tiktok', '107955')], userPosts: { '1': many(9, 'p', (id) => makePost(id)) } });
});

const answer = (raw: string, contentType = 'application/json') => () => ({
	status: 200,
	raw,
	headers: { 'content-type': contentType },
});

describe('only a Pullbay envelope counts as an answer', () => {
	test.each([
		['an HTML page from a proxy', answer('<html><body>Please log in to the Wi-Fi</body></html>', 'text/html'), 'text/html, starting "<html><body>Please log in'],
		['an empty body', answer(''), 'application/json, empty body'],
		['cut-off JSON', answer('{"status":200,"success":true,"data":[{"id":'), 'application/json, starting "{\\"status\\":200'],
		['a JSON array', answer('[{"id":"1"}]'), 'application/json, starting "[{\\"id\\":\\"1\\"}]"'],
		['a body without data', answer('{"status":200,"success":true}'), 'application/json, starting "{\\"status\\":200,\\"success\\":true}"'],
		['data as an object', answer('{"success":true,"data":{"id":"1"}}'), 'application/json'],
		['data as a string', answer('{"success":true,"data":"none"}'), 'application/json'],
		['data as null', answer('{"success":true,"data":null}'), 'application/json'],
		['data as [null]', answer('{"success":true,"data":[null]}'), 'application/json'],
	])('%s is an error naming what came back, never 0 items', async (_what, override, received) => {
		api.override = override;

		const { items, error } = await run(getUser);

		expect(items).toEqual([]);
		expect(error?.message).toBe('The Base URL answered, but not with a Pullbay response');
		expect(error?.description).toContain(`Received ${received}`);
		expect(error?.description).toContain('Check the Base URL in the Pullbay API credential');
		expect(api.requests).toHaveLength(1);
	});

	test('hasNextPage "false" (a string) ends the pull after one page', async () => {
		api.override = () => ({
			status: 200,
			body: { success: true, data: [makePost('a')], pagination: { hasNextPage: 'false', cursor: 'c3' } },
		});

		const { items } = await run(allPosts);

		expect(ids(items)).toEqual(['a']);
		expect(api.requests).toHaveLength(1);
	});

	test('results without an ID are recognised as repeats by content, so the pull ends', async () => {
		let page = 0;
		api.override = () => ({
			status: 200,
			body: {
				success: true,
				data: [{ title: 'a' }, { title: 'b' }, { title: 'c' }],
				pagination: { hasNextPage: true, cursor: `fresh${++page}` },
			},
		});

		const { items } = await run({ ...allPosts, options: { pagingStopItem: true } });

		expect(items.map((item) => item.json.title)).toEqual(['a', 'b', 'c', undefined]);
		expect(items[3].json.paginationStop).toMatchObject({ reason: 'emptyPage', pages: 2 });
		expect(api.requests).toHaveLength(2);
	});
});
