/**
 * The trigger's events, and one poll: what is new since the last poll, oldest first.
 *
 * A result is new when its ID has not been seen and it is newer than the watermark (the newest
 * time a completed scan has seen, less the event's allowance for late arrivals). How far a
 * poll reads depends on the feed's order: a profile is newest first after up to 3 pinned old
 * posts, so its scan ends once more old results than pinned ones have passed; search and
 * comments are ordered by relevance, so every poll reads up to Max Pages Per Poll.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { ENDPOINTS, fillPath, pathParameters, type Endpoint } from '../shared/endpoints';
import { handleIn, validCount, validInput, validQuery } from '../shared/inputs';
import {
	assertEnvelope,
	baseUrlOf,
	CREDENTIAL_TYPE,
	resultKey,
	sendOnce,
	userIdFrom,
	type Envelope,
} from '../shared/transport';

type TriggerEvent = 'newPostByUser' | 'newPostMatchingSearch' | 'newCommentOnPost';

const HOUR_MS = 3_600_000;

interface EventSpec {
	endpoint: Endpoint;
	/** The field naming what the event watches: a path value or a query parameter of the endpoint. */
	target: string;
	/** The options passed on to the endpoint as query filters. */
	filters: string[];
	/** The result field that holds its time. */
	timeField: string;
	/** How the feed is ordered, which decides how far a poll reads. */
	order: 'newestFirst' | 'relevance';
	/** How much older than the watermark an unseen result may be and still count as new. */
	lateArrivalMs: number;
}

const EVENTS: Record<TriggerEvent, EventSpec> = {
	newPostByUser: {
		endpoint: ENDPOINTS.userPosts,
		target: 'userId',
		filters: ['region'],
		timeField: 'uploadedAt',
		order: 'newestFirst',
		// A scan reads a profile down to the watermark, so anything below it was read or is pinned.
		lateArrivalMs: 0,
	},
	newPostMatchingSearch: {
		endpoint: ENDPOINTS.postSearch,
		target: 'keyword',
		filters: ['region', 'dateRange', 'sortType'],
		timeField: 'uploadedAt',
		order: 'relevance',
		lateArrivalMs: 24 * HOUR_MS,
	},
	newCommentOnPost: {
		endpoint: ENDPOINTS.comments,
		target: 'postId',
		filters: [],
		timeField: 'createdAt',
		order: 'relevance',
		lateArrivalMs: 24 * HOUR_MS,
	},
};

/** TikTok pins at most 3 posts to the top of a profile, whatever their age. */
const PINNED_MAX = 3;

/** How many IDs a trigger remembers, so its static data stays small. */
export const SEEN_IDS_KEPT = 1000;

interface PollState extends IDataObject {
	/** What the trigger watches; a change starts over as if newly activated. */
	watching?: string;
	/** Newest first, at most SEEN_IDS_KEPT. */
	seenIds?: string[];
	/** Milliseconds: the newest result time of the last scan that reached everything older. */
	watermark?: number;
	/** Where an unfinished scan of a newest-first feed goes on next poll (a burst, or a failing page). */
	resumeCursor?: string;
	/** Polls in a row on which reading from `resumeCursor` failed. */
	resumeFailures?: number;
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
	const send = async () =>
		assertEnvelope(
			node,
			await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
				method: 'GET',
				baseURL: baseUrlOf(credentials),
				url: fillPath(endpoint.path, values),
				qs,
				json: true,
				ignoreHttpStatusErrors: true,
				returnFullResponse: true,
				// The key goes to the Base URL only, never to where a redirect points.
				disableFollowRedirect: true,
				timeout: POLL_TIMEOUT_MS,
			}),
		);
	return await sendOnce(send, {
		node,
		credentials,
		endpoint,
		values: { ...(qs as Record<string, string>), ...values },
		timeoutMs: POLL_TIMEOUT_MS,
	});
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

interface Scan {
	/** Every result read, in feed order, each once. */
	results: IDataObject[];
	/** Whether the scan reached everything that could be new. */
	complete: boolean;
	/** Where to go on next poll when it did not. */
	resumeCursor?: string;
	/** A page that failed after earlier pages were read. */
	failure?: NodeApiError;
}

/**
 * Reads pages from `cursor` while `more` says results could still be new, within `budget`
 * pages. A failing first page fails the poll; a failing later page ends the scan with what
 * the pages before it held.
 */
async function scan(
	this: IPollFunctions,
	feed: Feed,
	budget: number,
	more: (results: IDataObject[]) => boolean,
	cursor?: string,
): Promise<Scan & { pages: number }> {
	const results: IDataObject[] = [];
	const keys = new Set<string>();
	let pages = 0;
	for (;;) {
		let body: Envelope;
		try {
			body = await get.call(this, feed.endpoint, feed.values, cursor ? { ...feed.qs, cursor } : feed.qs);
		} catch (error) {
			// Hands the error back unchanged; written so for n8n's require-node-api-error lint rule.
			if (pages === 0) throw new NodeApiError(this.getNode(), error as JsonObject);
			return { results, complete: false, resumeCursor: cursor, failure: error as NodeApiError, pages };
		}
		pages++;
		for (const result of body.data) {
			const key = resultKey(result);
			if (!keys.has(key)) results.push(result);
			keys.add(key);
		}
		const next = body.pagination?.cursor ?? undefined;
		// Only a real `true` continues: a proxy's "false" string must not page forever.
		if (body.pagination?.hasNextPage !== true || !next || next === cursor || !more(results)) {
			return { results, complete: true, pages };
		}
		if (pages >= budget) return { results, complete: false, resumeCursor: next, pages };
		cursor = next;
	}
}

/**
 * One poll. The first poll after activation only records what exists; a manual test run
 * returns the latest results so fields can be mapped, and changes nothing.
 */
export async function pollNewResults(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const event = EVENTS[this.getNodeParameter('event') as TriggerEvent];
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const maxResults = validCount(this.getNode(), 'Max New Results Per Poll', options.maxResults ?? 50);
	const maxPages = validCount(this.getNode(), 'Max Pages Per Poll', options.maxPages ?? 3);

	const state = this.getWorkflowStaticData('node') as PollState;
	const filters = event.filters.map((name) => options[name]);
	const watching = JSON.stringify([this.getNodeParameter('event'), this.getNodeParameter(event.target), ...filters]);
	if (state.watching !== watching) {
		for (const key of ['seenIds', 'watermark', 'resumeCursor', 'resumeFailures', 'userId']) delete state[key];
		state.watching = watching;
	}
	const feed = await feedFor.call(this, event, state);

	if (this.getMode() === 'manual') {
		const { results } = await scan.call(this, feed, 1, () => false);
		return results.length ? [oldestFirst(results.slice(0, maxResults), event).map((json) => ({ json }))] : null;
	}

	const firstPoll = state.seenIds === undefined;
	const seen = new Set(state.seenIds ?? []);
	const floor = state.watermark === undefined ? -Infinity : state.watermark - event.lateArrivalMs;
	const time = (result: IDataObject) => timeOf(result, event.timeField);
	const isOld = (result: IDataObject) => firstPoll || seen.has(resultKey(result)) || time(result) <= floor;
	// A newest-first feed is read until more old results have passed than can be pinned above new ones.
	const more =
		event.order === 'newestFirst'
			? (results: IDataObject[]) => results.filter(isOld).length <= PINNED_MAX
			: () => true;

	const top = await scan.call(this, feed, maxPages, more);
	let { results, failure } = top;
	// A relevance-ordered feed has no end to reach: Max Pages Per Poll is all there is to read.
	let complete = event.order === 'relevance' ? !failure : top.complete;
	let resumeCursor = event.order === 'newestFirst' && !complete ? top.resumeCursor : undefined;
	if (event.order === 'newestFirst' && state.resumeCursor) {
		if (complete && top.pages < maxPages) {
			// An earlier scan stopped short (a burst beyond the page budget, or a failing page): go on there.
			try {
				const rest = await scan.call(this, feed, maxPages - top.pages, more, state.resumeCursor);
				const read = new Set(results.map(resultKey));
				results = [...results, ...rest.results.filter((result) => !read.has(resultKey(result)))];
				({ complete, failure } = rest);
				resumeCursor = rest.complete ? undefined : rest.resumeCursor;
			} catch (error) {
				failure = error as NodeApiError;
				complete = false;
				resumeCursor = state.resumeCursor;
			}
		} else {
			// No budget left this poll: the older place stays for the next one.
			complete = false;
			resumeCursor = state.resumeCursor;
		}
	}

	// The activation poll must see everything that exists, or later polls would take it for new.
	if (firstPoll && failure) throw failure;

	// Bursts: the oldest Max New Results Per Poll go now; the rest stay unseen for the next poll.
	const fresh = firstPoll ? [] : oldestFirst(results.filter((result) => !isOld(result)), event);
	const emitted = fresh.slice(0, maxResults);
	const recorded = firstPoll ? results : results.filter((result) => isOld(result) || emitted.includes(result));

	const newestFirst = (result: IDataObject) => -(time(result) || 0);
	const keys = [...recorded].sort((a, b) => newestFirst(a) - newestFirst(b)).map(resultKey);
	state.seenIds = [...new Set([...keys, ...(state.seenIds ?? [])])].slice(0, SEEN_IDS_KEPT);
	if (complete && fresh.length === emitted.length) {
		const times = recorded.map(time).filter((value) => !Number.isNaN(value));
		if (times.length) state.watermark = Math.max(state.watermark ?? -Infinity, ...times);
	}
	const gaveUp = updateResume(state, resumeCursor, failure !== undefined && resumeCursor === state.resumeCursor);

	// A page that failed after others were read: what they held is kept (emitted now, or recorded),
	// and the failure is recorded as a failed trigger execution, as n8n does for a poll that throws.
	// Throwing instead would make n8n discard this poll's progress.
	if (failure) {
		failure.message = `${failure.message} [a later page of this poll; ${emitted.length} new results from the pages before it were emitted${gaveUp ? `; reading below it was given up after ${RESUME_TRIES} polls` : ''}]`;
		this.logger.warn(`Pullbay TikTok Trigger: ${failure.message}`);
		this.__emitError(failure);
	}
	return firstPoll || emitted.length === 0 ? null : [emitted.map((json) => ({ json }))];
}

/** A cursor that fails this many polls in a row is given up, so a dead page cannot fail a trigger forever. */
const RESUME_TRIES = 3;

/** Keeps, moves or drops the place an unfinished scan goes on from; true when it was given up. */
function updateResume(state: PollState, cursor: string | undefined, failedAgain: boolean): boolean {
	if (!cursor) {
		delete state.resumeCursor;
		delete state.resumeFailures;
		return false;
	}
	const failures = failedAgain ? Number(state.resumeFailures ?? 0) + 1 : 0;
	if (failures >= RESUME_TRIES) {
		delete state.resumeCursor;
		delete state.resumeFailures;
		return true;
	}
	state.resumeCursor = cursor;
	state.resumeFailures = failures;
	return false;
}

/** Results ordered by time, oldest first; results without a time keep their reversed feed order. */
function oldestFirst(results: IDataObject[], event: EventSpec): IDataObject[] {
	return [...results]
		.reverse()
		.map((json, order) => ({ json, order, time: timeOf(json, event.timeField) }))
		.sort((a, b) => (Number.isNaN(a.time) || Number.isNaN(b.time) ? a.order - b.order : a.time - b.time || a.order - b.order))
		.map(({ json }) => json);
}
