import type { FakeResponse } from './fake-api/server';
import { ids, useFakeApi } from './helpers';
import { makePost, many } from './fake-api/server';

const { api, run } = useFakeApi();

const page = (data: Array<Record<string, unknown>>, hasNextPage: boolean | null, cursor: string | null): FakeResponse => ({
	status: 200,
	body: { status: 200, message: 'OK', success: true, data, pagination: { hasNextPage, cursor }, pricing: { creditsCharged: 1 } },
});

const search = { resource: 'post', operation: 'search', keyword: 'cats', returnAll: true };
const cursors = () => api.requests.map((request) => request.query.cursor ?? null);

describe('paging always ends, keeps what it collected, and says why it stopped', () => {
	test('a cursor the API already returned ends the pull without re-requesting it', async () => {
		api.override = (request) =>
			request.query.cursor === undefined
				? page([makePost('1'), makePost('2')], true, 'A')
				: page([makePost('3')], true, 'A');

		const { items, error } = await run(search);

		expect(error).toBeUndefined();
		expect(ids(items)).toEqual(['1', '2', '3']);
		expect(cursors()).toEqual([null, 'A']);
		expect(items[2].json.paginationStop).toEqual({
			reason: 'repeatedCursor',
			message: expect.stringContaining('already returned'),
			pages: 2,
		});
		expect(items[0].json.paginationStop).toBeUndefined();
	});

	test('hasNextPage true without a cursor ends the pull after that page', async () => {
		api.override = () => page([makePost('1')], true, null);

		const { items } = await run(search);

		expect(ids(items)).toEqual(['1']);
		expect(api.requests).toHaveLength(1);
		expect(items[0].json.paginationStop).toMatchObject({ reason: 'missingCursor', pages: 1 });
	});

	test('an empty cursor string counts as missing', async () => {
		api.override = () => page([makePost('1')], true, '');
		const { items } = await run(search);
		expect(api.requests).toHaveLength(1);
		expect(items[0].json.paginationStop).toMatchObject({ reason: 'missingCursor' });
	});

	test('an empty page while hasNextPage is true ends the pull', async () => {
		let n = 0;
		api.override = () => (n++ === 0 ? page([makePost('1')], true, 'B') : page([], true, `C${n}`));

		const { items } = await run(search);

		expect(ids(items)).toEqual(['1']);
		expect(cursors()).toEqual([null, 'B']);
		expect(items[0].json.paginationStop).toMatchObject({ reason: 'emptyPage', pages: 2 });
	});

	test('a page of only already-returned results ends the pull with no duplicates', async () => {
		let n = 0;
		api.override = () => page([makePost('1'), makePost('2')], true, `fresh-${n++}`);

		const { items } = await run(search);

		expect(ids(items)).toEqual(['1', '2']);
		expect(api.requests).toHaveLength(2);
		expect(items[1].json.paginationStop).toMatchObject({ reason: 'emptyPage' });
	});

	test('with Limit above the cap the guards apply too', async () => {
		api.override = () => page([makePost('1')], true, 'same');

		const { items } = await run({ resource: 'comment', operation: 'getAll', postId: '1', limit: 600 });

		expect(cursors()).toEqual([null, 'same']);
		expect(items).toHaveLength(1);
	});

	test('hasNextPage false ends quietly', async () => {
		api.override = () => page([makePost('1')], false, 'X');
		const { items } = await run(search);
		expect(api.requests).toHaveLength(1);
		expect(items[0].json.paginationStop).toBeUndefined();
	});
});

describe('Max Pages and Start Cursor', () => {
	beforeEach(() => {
		api.data.search.cats = many(20, 'p', (id) => makePost(id));
		api.pageSize = 3;
	});

	test('Max Pages is a hard ceiling on requests and the last item says where to continue', async () => {
		const { items } = await run({ ...search, options: { maxPages: 2 } });

		expect(ids(items)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
		expect(api.requests).toHaveLength(2);
		expect(items[5].json.paginationStop).toEqual({
			reason: 'maxPages',
			message: expect.stringContaining('Start Cursor'),
			pages: 2,
			nextCursor: 'c6',
		});
	});

	test('Max Pages that is not reached changes nothing', async () => {
		const { items } = await run({ ...search, options: { maxPages: 50 } });
		expect(items).toHaveLength(20);
		expect(items[19].json.paginationStop).toBeUndefined();
	});

	test('Start Cursor resumes where an earlier run stopped', async () => {
		const { items } = await run({ ...search, options: { cursor: 'c6', maxPages: 2 } });

		expect(ids(items)).toEqual(['p7', 'p8', 'p9', 'p10', 'p11', 'p12']);
		expect(cursors()).toEqual(['c6', 'c9']);
		expect(items[5].json.paginationStop).toMatchObject({ nextCursor: 'c12' });
	});

	test('Start Cursor with a small Limit pages by cursor, never sending maxItems with it', async () => {
		const { items } = await run({ resource: 'post', operation: 'search', keyword: 'cats', limit: 4, options: { cursor: 'c3' } });

		expect(ids(items)).toEqual(['p4', 'p5', 'p6', 'p7']);
		expect(api.requests.map((request) => request.query)).toEqual([
			{ keyword: 'cats', cursor: 'c3' },
			{ keyword: 'cats', cursor: 'c6' },
		]);
	});

	test('a Start Cursor the API hands straight back is not requested twice', async () => {
		api.override = () => page([makePost('1')], true, 'S');
		const { items } = await run({ ...search, options: { cursor: 'S' } });

		expect(cursors()).toEqual(['S']);
		expect(items[0].json.paginationStop).toMatchObject({ reason: 'repeatedCursor' });
	});
});
