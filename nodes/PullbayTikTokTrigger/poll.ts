/** The trigger's events, and one poll: what is new since the last poll, oldest first. */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { ENDPOINTS, fillPath, pathParameters, type Endpoint } from '../shared/endpoints';
import { handleIn, validCount, validInput, validQuery } from '../shared/inputs';
import { gateFor } from '../shared/scheduler';
import {
	apiKeyOf,
	assertEnvelope,
	baseUrlOf,
	CREDENTIAL_TYPE,
	explainFailure,
	redactResults,
	requestOnce,
	userIdFrom,
	type Envelope,
} from '../shared/transport';

type TriggerEvent = 'newPostByUser' | 'newPostMatchingSearch' | 'newCommentOnPost';

interface EventSpec {
	endpoint: Endpoint;
	/** The field naming what the event watches: a path value or a query parameter of the endpoint. */
	target: string;
	/** The options passed on to the endpoint as query filters. */
	filters: string[];
	/** The result field that holds its time, for ordering what a poll emits. */
	timeField: string;
}

const EVENTS: Record<TriggerEvent, EventSpec> = {
	newPostByUser: { endpoint: ENDPOINTS.userPosts, target: 'userId', filters: ['region'], timeField: 'uploadedAt' },
	newPostMatchingSearch: {
		endpoint: ENDPOINTS.postSearch,
		target: 'keyword',
		filters: ['region', 'dateRange', 'sortType'],
		timeField: 'uploadedAt',
	},
	newCommentOnPost: { endpoint: ENDPOINTS.comments, target: 'postId', filters: [], timeField: 'createdAt' },
};

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

/** What a poll reads: the endpoint, its path values and query. */
interface Feed {
	endpoint: Endpoint;
	values: Record<string, string>;
	qs: IDataObject;
}

/** A poll that hangs would hold up the next one; n8n's own default is 300 s. */
const POLL_TIMEOUT_MS = 60_000;

/** One GET through n8n's authenticated request helper, sent once: the next poll is the retry. */
async function get(
	this: IPollFunctions,
	endpoint: Endpoint,
	values: Record<string, string>,
	qs: IDataObject = {},
): Promise<Envelope> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const node = this.getNode();
	const apiKey = apiKeyOf(credentials);
	const baseURL = baseUrlOf(credentials);
	const page = await requestOnce(
		async () =>
			assertEnvelope(
				node,
				await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
					method: 'GET',
					baseURL,
					url: fillPath(endpoint.path, values),
					qs,
					json: true,
					ignoreHttpStatusErrors: true,
					returnFullResponse: true,
					// The key goes to the Base URL only, never to where a redirect points.
					disableFollowRedirect: true,
					timeout: POLL_TIMEOUT_MS,
				}),
			),
		async (error, attempts, elapsedMs) =>
			explainFailure(error, {
				node,
				apiKey,
				endpoint,
				values: { ...(qs as Record<string, string>), ...values },
				attempts,
				elapsedMs,
				timeoutMs: POLL_TIMEOUT_MS,
			}),
		gateFor(baseURL, apiKey),
	);
	return { ...page, data: redactResults(page.data, apiKey) };
}

/** The endpoint and query a poll reads, from the event's fields. */
async function feedFor(this: IPollFunctions, event: EventSpec, state: PollState): Promise<Feed> {
	const node = this.getNode();
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const target = validInput(node, event.target, this.getNodeParameter(event.target));
	const inPath = pathParameters(event.endpoint.path).includes(event.target);
	const qs = validQuery(node, {
		...(inPath ? {} : { [event.target]: target }),
		...Object.fromEntries(event.filters.map((name) => [name, options[name] ?? ''])),
	});

	const values: Record<string, string> = inPath ? { [event.target]: target } : {};
	const handle = event.target === 'userId' ? handleIn(target) : undefined;
	if (handle !== undefined) {
		if (!state.userId) {
			const lookup = await get.call(this, ENDPOINTS.userByHandle, { username: handle });
			state.userId = userIdFrom(node, lookup, handle);
		}
		values.userId = state.userId;
	}
	return { endpoint: event.endpoint, values, qs };
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
	const event = EVENTS[this.getNodeParameter('event') as TriggerEvent];
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const maxResults = validCount(this.getNode(), 'Max New Results Per Poll', options.maxResults ?? 50);
	const maxPages = validCount(this.getNode(), 'Max Pages Per Poll', options.maxPages ?? 3);
	const manual = this.getMode() === 'manual';

	const state = this.getWorkflowStaticData('node') as PollState;
	const filters = event.filters.map((name) => options[name]);
	const watching = JSON.stringify([
		this.getNodeParameter('event'),
		this.getNodeParameter(event.target),
		...filters,
	]);
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
		const body = await get.call(this, feed.endpoint, feed.values, cursor ? { ...feed.qs, cursor } : feed.qs);
		const results = body.data;
		// Also drops an ID repeated within this poll, so nothing is emitted twice.
		const unseen = results.filter((result) => !seen.has(String(result.id)) && seen.add(String(result.id)));
		fresh.push(...unseen);
		const next = body.pagination?.cursor;
		const reachedKnown = unseen.length < results.length;
		if (firstPoll || manual || reachedKnown || body.pagination?.hasNextPage !== true || !next || next === cursor) break;
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
		.map((json, order) => ({ json, order, time: timeOf(json, event.timeField) }))
		.sort((a, b) => (Number.isNaN(a.time) || Number.isNaN(b.time) ? a.order - b.order : a.time - b.time || a.order - b.order))
		.map(({ json }) => ({ json }));
	return items.length ? [items] : null;
}
