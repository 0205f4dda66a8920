/* eslint-disable @n8n/community-nodes/no-restricted-imports -- never shipped (package.json "files" is dist/ only): development tooling that runs on Node.js, outside n8n, and watches n8n's logger */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { INodeExecutionData } from 'n8n-workflow';

import type { FakeResponse } from './fake-api/server';
import { ids, useFakeApi } from './helpers';
import { makePost, many } from './fake-api/server';

const { api, run } = useFakeApi();

/** What n8n's log received from the node: where a stop is reported when no stop item is asked for. */
let warnings: string[];
beforeEach(() => {
	warnings = [];
	jest.spyOn(Container.get(Logger), 'warn').mockImplementation((message: string) => {
		warnings.push(message);
	});
});
afterEach(() => jest.restoreAllMocks());

/** The results, and the stop item when Add Paging Stop Item is on: it is always the last item. */
const split = (items: INodeExecutionData[]) => {
	const last = items[items.length - 1];
	const stop = last?.json.paginationStop === undefined ? undefined : items.pop()!.json.paginationStop;
	return { results: items, stop };
};
const withStopItem = { pagingStopItem: true };

const page = (data: Array<Record<string, unknown>>, hasNextPage: boolean | null, cursor: string | null): FakeResponse => ({
	status: 200,
	body: { status: 200, message: 'OK', success: true, data, pagination: { hasNextPage, cursor }, pricing: { creditsCharged: 1 } },
});

const search = { resource: 'post', operation: 'search', keyword: 'cats', returnAll: true, options: withStopItem };
const cursors = () => api.requests.map((request) => request.query.cursor ?? null);

describe('paging always ends, keeps what it collected, and with Add Paging Stop Item says why in a last item', () => {
	test('a cursor the API already returned ends the pull without re-requesting it', async () => {
		api.override = (request) =>
			request.query.cursor === undefined
				? page([makePost('1'), makePost('2')], true, 'A')
				: page([makePost('3')], true, 'A');

		const { items, error } = await run(search);
		const { results, stop } = split(items);

		expect(error).toBeUndefined();
		expect(ids(results)).toEqual(['1', '2', '3']);
		expect(cursors()).toEqual([null, 'A']);
		expect(stop).toEqual({
			reason: 'repeatedCursor',
			message: expect.stringContaining('already returned'),
			pages: 2,
		});
		expect(results.every((item) => item.json.paginationStop === undefined)).toBe(true);
	});

	test('hasNextPage true without a cursor ends the pull after that page', async () => {
		api.override = () => page([makePost('1')], true, null);

		const { results, stop } = split((await run(search)).items);

		expect(ids(results)).toEqual(['1']);
		expect(api.requests).toHaveLength(1);
		expect(stop).toMatchObject({ reason: 'missingCursor', pages: 1 });
	});

	test('an empty cursor string counts as missing', async () => {
		api.override = () => page([makePost('1')], true, '');
		const { stop } = split((await run(search)).items);
		expect(api.requests).toHaveLength(1);
		expect(stop).toMatchObject({ reason: 'missingCursor' });
	});

	test('an empty page while hasNextPage is true ends the pull', async () => {
		let n = 0;
		api.override = () => (n++ === 0 ? page([makePost('1')], true, 'B') : page([], true, `C${n}`));

		const { results, stop } = split((await run(search)).items);

		expect(ids(results)).toEqual(['1']);
		expect(cursors()).toEqual([null, 'B']);
		expect(stop).toMatchObject({ reason: 'emptyPage', pages: 2 });
	});

	test('an empty first page that says more exist gives no results, and the stop says so', async () => {
		api.override = () => page([], true, 'B');

		const { items } = await run(search);

		expect(api.requests).toHaveLength(1);
		expect(items).toEqual([
			{ json: { paginationStop: expect.objectContaining({ reason: 'emptyPage', pages: 1 }) }, pairedItem: { item: 0 } },
		]);
	});

	test('a page of only already-returned results ends the pull with no duplicates', async () => {
		let n = 0;
		api.override = () => page([makePost('1'), makePost('2')], true, `fresh-${n++}`);

		const { results, stop } = split((await run(search)).items);

		expect(ids(results)).toEqual(['1', '2']);
		expect(api.requests).toHaveLength(2);
		expect(stop).toMatchObject({ reason: 'emptyPage' });
	});

	test('with Limit above the cap the guards apply too', async () => {
		api.override = () => page([makePost('1')], true, 'same');

		const { items } = await run({ resource: 'comment', operation: 'getAll', postId: '1', limit: 600, options: withStopItem });

		expect(cursors()).toEqual([null, 'same']);
		expect(split(items)).toMatchObject({ results: [{ json: { id: '1' } }], stop: { reason: 'emptyPage' } });
	});

	test('hasNextPage false ends quietly', async () => {
		api.override = () => page([makePost('1')], false, 'X');
		const { items } = await run(search);
		expect(api.requests).toHaveLength(1);
		expect(ids(items)).toEqual(['1']);
		expect(warnings).toEqual([]);
	});
});

describe('without Add Paging Stop Item, results are untouched and the stop goes to the n8n log', () => {
	test.each([
		['a repeated cursor', () => page([makePost('1')], true, 'same'), 'already returned'],
		['an empty first page that says more exist', () => page([], true, 'B'), 'no new results'],
	])('%s', async (_name, respond, reason) => {
		api.override = (request) => (request.query.cursor === 'same' ? page([makePost('2')], true, 'same') : respond());

		const { items, error } = await run({ ...search, options: {} });

		expect(error).toBeUndefined();
		expect(items.every((item) => item.json.paginationStop === undefined)).toBe(true);
		expect(warnings).toEqual([expect.stringContaining(reason)]);
	});

	test('a Max Pages stop logs the cursor to continue from', async () => {
		api.data.search.cats = many(9, 'p', (id) => makePost(id));
		api.pageSize = 3;

		const { items } = await run({ ...search, options: { maxPages: 1 } });

		expect(ids(items)).toEqual(['p1', 'p2', 'p3']);
		expect(warnings).toEqual([expect.stringMatching(/Max Pages was reached.*next cursor c3\)$/)]);
	});
});

describe('Max Pages and Start Cursor', () => {
	beforeEach(() => {
		api.data.search.cats = many(20, 'p', (id) => makePost(id));
		api.pageSize = 3;
	});

	test('Max Pages is a hard ceiling on requests and the last item says where to continue', async () => {
		const { results, stop } = split((await run({ ...search, options: { ...withStopItem, maxPages: 2 } })).items);

		expect(ids(results)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
		expect(api.requests).toHaveLength(2);
		expect(stop).toEqual({
			reason: 'maxPages',
			message: expect.stringContaining('Start Cursor'),
			pages: 2,
			nextCursor: 'c6',
		});
	});

	test('Max Pages that is not reached changes nothing', async () => {
		const { items } = await run({ ...search, options: { ...withStopItem, maxPages: 50 } });
		expect(ids(items)).toEqual(many(20, 'p', (id) => ({ id })).map(({ id }) => id));
	});

	test('Start Cursor resumes where an earlier run stopped', async () => {
		const { results, stop } = split((await run({ ...search, options: { ...withStopItem, cursor: 'c6', maxPages: 2 } })).items);

		expect(ids(results)).toEqual(['p7', 'p8', 'p9', 'p10', 'p11', 'p12']);
		expect(cursors()).toEqual(['c6', 'c9']);
		expect(stop).toMatchObject({ nextCursor: 'c12' });
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
		const { stop } = split((await run({ ...search, options: { ...withStopItem, cursor: 'S' } })).items);

		expect(cursors()).toEqual(['S']);
		expect(stop).toMatchObject({ reason: 'repeatedCursor' });
	});
});
