import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import {
	assertEnvelope,
	CREDENTIAL_TYPE,
	explainFailure,
	fillPath,
	USER_BY_HANDLE,
	userIdFrom,
	withRetries,
	type Envelope,
} from '../PullbayTikTok/ApiFunctions';
import { USER_ID_PATTERN, validCount, validInput } from '../PullbayTikTok/InputFunctions';

type TriggerEvent = 'newPostByUser' | 'newPostMatchingSearch' | 'newCommentOnPost';

/** How many IDs a trigger remembers, so its static data stays small. */
export const SEEN_IDS_KEPT = 1000;

interface PollState extends IDataObject {
	/** What the trigger watches; a change starts over as if newly activated. */
	watching?: string;
	/** Newest first, at most SEEN_IDS_KEPT. */
	seenIds?: string[];
	/** The numeric ID behind a handle given as User ID. */
	userId?: string;
}

/** The field naming what each event watches, and the search filters it passes on. */
const TARGET_FIELD: Record<TriggerEvent, string> = {
	newPostByUser: 'userId',
	newPostMatchingSearch: 'keyword',
	newCommentOnPost: 'postId',
};
const FILTERS: Record<TriggerEvent, string[]> = {
	newPostByUser: ['region'],
	newPostMatchingSearch: ['region', 'dateRange', 'sortType'],
	newCommentOnPost: [],
};

interface Feed {
	url: string;
	qs: IDataObject;
	timeField: string;
}

/**
 * One GET through n8n's authenticated request helper. A poll that fails is not retried:
 * the next poll tries again, so a failing API never burns credits in a loop.
 */
async function get(this: IPollFunctions, url: string, qs: IDataObject = {}): Promise<Envelope> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const node = this.getNode();
	return await withRetries(
		async () =>
			assertEnvelope(
				node,
				await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
					method: 'GET',
					baseURL: String(credentials.baseUrl).replace(/\/+$/, ''),
					url,
					qs,
					json: true,
					ignoreHttpStatusErrors: true,
					returnFullResponse: true,
				}),
			),
		async (error, attempts) =>
			explainFailure(error, { node, apiKey: credentials.apiKey, url, qs, attempts }),
		0,
	);
}

/** The endpoint and query a poll reads, from the event's fields. */
async function feedFor(this: IPollFunctions, event: TriggerEvent, state: PollState): Promise<Feed> {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const qs: IDataObject = {};
	for (const name of FILTERS[event]) {
		const value = String(options[name] ?? '').trim();
		if (value) qs[name] = name === 'region' ? validInput(this.getNode(), name, value) : value;
	}

	if (event === 'newPostMatchingSearch') {
		qs.keyword = validInput(this.getNode(), 'keyword', this.getNodeParameter('keyword'));
		return { url: '/tiktok/post/search', qs, timeField: 'uploadedAt' };
	}
	if (event === 'newCommentOnPost') {
		const postId = validInput(this.getNode(), 'postId', this.getNodeParameter('postId'));
		return { url: fillPath('/tiktok/post/{postId}/comments', { postId }), qs, timeField: 'createdAt' };
	}
	const userId = validInput(this.getNode(), 'userId', this.getNodeParameter('userId'));
	if (!USER_ID_PATTERN.test(userId) && !state.userId) {
		const lookup = await get.call(this, fillPath(USER_BY_HANDLE, { username: userId }));
		state.userId = userIdFrom(this.getNode(), lookup, userId);
	}
	const id = USER_ID_PATTERN.test(userId) ? userId : state.userId!;
	return { url: fillPath('/tiktok/user/{userId}/posts', { userId: id }), qs, timeField: 'uploadedAt' };
}

const timeOf = (result: IDataObject, field: string) => {
	const value = result[field];
	return typeof value === 'number' ? value * 1000 : Date.parse(String(value));
};

/**
 * One poll: results not seen before, oldest first. The first poll after activation only
 * records what exists; a manual test run returns the latest results so fields can be mapped.
 */
export async function pollNewResults(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const event = this.getNodeParameter('event') as TriggerEvent;
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const maxResults = validCount(this.getNode(), 'Max New Results Per Poll', options.maxResults ?? 50);
	const maxPages = validCount(this.getNode(), 'Max Pages Per Poll', options.maxPages ?? 3);
	const manual = this.getMode() === 'manual';

	const state = this.getWorkflowStaticData('node') as PollState;
	const filters = FILTERS[event].map((name) => options[name]);
	const watching = JSON.stringify([event, this.getNodeParameter(TARGET_FIELD[event]), ...filters]);
	if (state.watching !== watching) {
		delete state.seenIds;
		delete state.userId;
		state.watching = watching;
	}
	const feed = await feedFor.call(this, event, state);
	const seen = new Set(manual ? [] : (state.seenIds ?? []));
	const firstPoll = !manual && state.seenIds === undefined;

	const fresh: IDataObject[] = [];
	let cursor: string | undefined;
	for (let page = 1; page <= maxPages; page++) {
		const body = await get.call(this, feed.url, cursor ? { ...feed.qs, cursor } : feed.qs);
		const results = body.data ?? [];
		// Also drops an ID repeated within this poll, so nothing is emitted twice.
		const unseen = results.filter((result) => !seen.has(String(result.id)) && seen.add(String(result.id)));
		fresh.push(...unseen);
		const next = body.pagination?.cursor;
		const reachedKnown = unseen.length < results.length;
		if (firstPoll || manual || reachedKnown || !body.pagination?.hasNextPage || !next || next === cursor) break;
		if (fresh.length >= maxResults) break;
		cursor = next;
	}

	if (!manual) {
		const ids = fresh.map((result) => String(result.id));
		state.seenIds = [...new Set([...ids, ...(state.seenIds ?? [])])].slice(0, SEEN_IDS_KEPT);
	}
	if (firstPoll) return null;

	const newest = fresh.slice(0, maxResults).reverse();
	const items = newest
		.map((json, order) => ({ json, order, time: timeOf(json, feed.timeField) }))
		.sort((a, b) => (Number.isNaN(a.time) || Number.isNaN(b.time) ? a.order - b.order : a.time - b.time || a.order - b.order))
		.map(({ json }) => ({ json }));
	return items.length ? [items] : null;
}
