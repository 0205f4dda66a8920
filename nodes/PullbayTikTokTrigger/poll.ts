/**
 * The trigger's events, and one poll: what is new since the last poll, oldest first.
 *
 * Exactly once, by construction:
 * - A profile is newest first below at most 3 pinned posts. The trigger knows the posts it has
 *   delivered (and those that existed at activation) and emits only posts it read, in the same
 *   poll, directly above posts it knows: the oldest of them first. Delivered posts therefore
 *   always reach down to what existed at activation, with nothing missing in between. A burst
 *   deeper than one poll's pages is first read down to the known posts (remembering the page
 *   cursors on the way), then delivered upwards, Max New Results at a time.
 * - Search and comments are ordered by relevance. A result is new when its ID is not
 *   remembered and its time is less than a day before the newest sound time read (and after
 *   `floor`, see RECENT_KEPT), or it has no sound time. The trigger remembers every result it
 *   emitted or saw at activation while it is within that day, so a churning ranking cannot
 *   bring one back.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

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

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

interface EventSpec {
	endpoint: Endpoint;
	/** The field naming what the event watches: a path value or a query parameter of the endpoint. */
	target: string;
	/** The options passed on to the endpoint as query filters. */
	filters: string[];
	/** The result field that holds its time. */
	timeField: string;
	/** How the feed is ordered, which decides how a poll reads it. */
	order: 'newestFirst' | 'relevance';
}

const EVENTS: Record<TriggerEvent, EventSpec> = {
	newPostByUser: {
		endpoint: ENDPOINTS.userPosts,
		target: 'userId',
		filters: ['region'],
		timeField: 'uploadedAt',
		order: 'newestFirst',
	},
	newPostMatchingSearch: {
		endpoint: ENDPOINTS.postSearch,
		target: 'keyword',
		filters: ['region', 'dateRange', 'sortType'],
		timeField: 'uploadedAt',
		order: 'relevance',
	},
	newCommentOnPost: {
		endpoint: ENDPOINTS.comments,
		target: 'postId',
		filters: [],
		timeField: 'createdAt',
		order: 'relevance',
	},
};

/** TikTok pins at most 3 posts to the top of a profile, whatever their age. */
const PINNED_MAX = 3;

/** Profile posts remembered by ID: the newest known ones, enough to recognise the top of what was delivered. */
export const KNOWN_KEPT = 200;

/** Page cursors remembered while a deep burst is read down; beyond this the shallowest are re-read from the top. */
export const DESCENT_KEPT = 50;

/** Search results and comments remembered by ID; beyond this the oldest are forgotten and `floor` rises above them. */
export const RECENT_KEPT = 1000;

/** How old an unseen search result or comment may be and still be new: it may surface in a ranking late. */
const LATE_ARRIVAL_MS = DAY_MS;

/** A time this far ahead of the clock is a wrong time, not a future post: it is ignored. */
const CLOCK_SKEW_MS = 5 * MINUTE_MS;

/** A page cursor that fails this many polls in a row is given up: the burst is read again from the top. */
const RESUME_TRIES = 3;

/** The longest IDs and cursors the bound below allows for; TikTok's are 19 digits and a number. */
const ID_CHARS_MAX = 40;
const CURSOR_CHARS_MAX = 200;

/**
 * The most bytes of static data (as JSON) one trigger keeps, checked by the property test:
 * the larger of a profile's and a relevance feed's memory, plus the `watching` key (event,
 * target up to 100 characters, filters).
 */
export const STATE_BYTES_MAX =
	Math.max(
		KNOWN_KEPT * (ID_CHARS_MAX + 3) + DESCENT_KEPT * (CURSOR_CHARS_MAX + 20),
		RECENT_KEPT * (ID_CHARS_MAX + 3 + 15),
	) + 600;

/** A page of a newest-first feed to read down from, and its place in the feed when it was read. */
interface PageMark extends IDataObject {
	cursor: string;
	index: number;
	/** Saved by version 0.1.0: posts it emitted may lie above the unread ones here, and are passed over. */
	belowEmitted?: boolean;
}

interface PollState extends IDataObject {
	/** What the trigger watches; a change starts over as if newly activated. */
	watching?: string;
	/** The numeric ID behind a handle given as User ID. */
	userId?: string;

	/** Profile: IDs of delivered posts and posts that existed at activation, newest first, at most KNOWN_KEPT. */
	known?: string[];
	/** Search and comments: milliseconds, the newest sound time read; a result more than a day older is not new.
	 * Profile: saved by version 0.1.0 only, and read once into `unreadBefore`. */
	watermark?: number;
	/** Profile: milliseconds; when activation did not read to the end of the feed, the oldest sound time it read:
	 * an unknown post older than this lies below what the trigger remembers by ID. */
	unreadBefore?: number;
	/** Profile: pages of a burst still to read down from, shallowest first, at most DESCENT_KEPT. */
	descent?: PageMark[];
	/** Profile: polls in a row on which the deepest page of `descent` failed. */
	descentFailures?: number;
	/** Profile: the cursor of a page known to start at delivered posts. */
	deliveredFrom?: string;

	/** Search and comments: ID -> milliseconds (its sound time, or when it was read), at most RECENT_KEPT. */
	recent?: Record<string, number>;
	/** Search and comments: milliseconds; raised over results forgotten early (see RECENT_KEPT). */
	floor?: number;

	/** Saved by version 0.1.0 before this design: read once, then replaced. */
	seenIds?: string[];
	resumeCursor?: string;
	resumeFailures?: number;
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
async function fetchPage(
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

/** The watched User ID, keyword or Post ID, whether saved as text or as a resource locator. */
function readTarget(this: IPollFunctions, name: string): unknown {
	const value = this.getNodeParameter(name, undefined, { extractValue: true }) as unknown;
	return typeof value === 'object' && value !== null && '__rl' in value ? (value as IDataObject).value : value;
}

/** The endpoint and query a poll reads, from the event's fields. */
async function feedFor(this: IPollFunctions, event: EventSpec, target: string, state: PollState): Promise<Feed> {
	const node = this.getNode();
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const inPath = pathParameters(event.endpoint.path).includes(event.target);
	const qs = validQuery(node, {
		...(inPath ? {} : { [event.target]: target }),
		...Object.fromEntries(event.filters.map((name) => [name, options[name] ?? ''])),
	});

	const values: Record<string, string> = inPath ? { [event.target]: target } : {};
	const handle = event.target === 'userId' ? handleIn(target) : undefined;
	if (handle !== undefined) {
		if (!state.userId) {
			const lookup = await fetchPage.call(this, ENDPOINTS.userByHandle, { username: handle });
			state.userId = userIdFrom(node, lookup, handle);
		}
		values.userId = state.userId;
	}
	return { endpoint: event.endpoint, values, qs };
}

/**
 * A result's time in milliseconds when it can be trusted: Unix seconds or milliseconds (told
 * apart by size), or ISO text; not missing, not 0, not ahead of the clock.
 */
function soundTime(result: IDataObject, field: string, now: number): number | undefined {
	const value = result[field];
	let time: number;
	if (typeof value === 'number' || (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()))) {
		const number = Number(value);
		// 1e11 seconds is the year 5138; 1e11 milliseconds is 1973.
		time = number >= 1e11 ? number : number * 1000;
	} else if (typeof value === 'string') {
		time = Date.parse(value);
	} else {
		return undefined;
	}
	// Whole milliseconds: a fraction would cost static data bytes for nothing.
	return Number.isFinite(time) && time > 0 && time <= now + CLOCK_SKEW_MS ? Math.round(time) : undefined;
}

/** The key a result is remembered by: its ID, or a hash when there is none or it is too long to keep. */
function memoryKey(result: IDataObject): string {
	const key = resultKey(result);
	return key.length <= ID_CHARS_MAX ? key : resultKey({ ...result, id: undefined });
}

/** Pages read in a row in one poll. */
interface Run {
	/** The results read, in feed order, each once. */
	results: IDataObject[];
	/** Index in the feed of the first result read. */
	startIndex: number;
	/** Each page after the first, and the page after the last one read (or the one that failed). */
	pagesBelow: PageMark[];
	/** Index of the first known post that is not pinned, when the run reached one. */
	frontier?: number;
	/** Whether the run read to the end of the feed. */
	reachedEnd: boolean;
	/** A later page that failed, or that Pullbay gave no way to; the run ends before it. */
	failure?: NodeApiError | NodeOperationError;
}

/**
 * Reads pages of a newest-first feed from `start` down, at most `pageBudget`, until it reaches
 * a known post below the places of pins, the end of the feed, or (where no known post can be
 * reached this poll) the page known to start at delivered posts. A failing first page fails the poll.
 */
async function readDown(
	this: IPollFunctions,
	feed: Feed,
	start: PageMark | undefined,
	pageBudget: number,
	isBelowKnown: (result: IDataObject) => boolean,
	deliveredFrom: string | undefined,
): Promise<Run> {
	const run: Run = { results: [], startIndex: start?.index ?? 0, pagesBelow: [], reachedEnd: false };
	const read = new Set<string>();
	let cursor = start?.cursor;
	const cursorsRead = new Set(cursor ? [cursor] : []);
	let passedUnknown = !start?.belowEmitted;
	for (let pages = 0; pages < pageBudget; pages++) {
		let body: Envelope;
		try {
			body = await fetchPage.call(this, feed.endpoint, feed.values, cursor ? { ...feed.qs, cursor } : feed.qs);
		} catch (error) {
			// Hands the error back unchanged; written so for n8n's require-node-api-error lint rule.
			if (pages === 0) throw new NodeApiError(this.getNode(), error as JsonObject);
			run.failure = error as NodeApiError;
			return run;
		}
		for (const result of body.data) {
			const key = memoryKey(result);
			if (read.has(key)) continue;
			read.add(key);
			run.results.push(result);
			const index = run.startIndex + run.results.length - 1;
			const known = isBelowKnown(result);
			if (run.frontier === undefined && index >= PINNED_MAX && known && passedUnknown) run.frontier = run.results.length - 1;
			passedUnknown ||= !known;
		}
		const next = body.pagination?.cursor ?? undefined;
		// Only a real `true` continues: a proxy's "false" string must not page forever.
		if (body.pagination?.hasNextPage !== true) {
			run.reachedEnd = true;
			return run;
		}
		if (run.frontier !== undefined) return run;
		// More pages, but no way to them: not the end of the feed, so the posts above must wait like a failing page's.
		if (!next || cursorsRead.has(next)) {
			const answer = next ? `the cursor of a page already read (${next})` : 'hasNextPage true without a cursor';
			const failure = new NodeOperationError(this.getNode(), `Pullbay answered ${answer}, so the rest of the new posts could not be read; the next poll reads them again`);
			if (pages === 0) throw failure;
			run.failure = failure;
			return run;
		}
		cursorsRead.add(next);
		// Where no known post can show the way (one page a poll, or a budget that ends among the places
		// of pins), the page known to start at delivered posts does: this page's cursor leads to it.
		const nextIndex = run.startIndex + run.results.length;
		const reachableIndex = nextIndex + (pageBudget - pages - 1) * body.data.length;
		if (next === deliveredFrom && (pageBudget === 1 || reachableIndex <= PINNED_MAX)) {
			run.frontier = run.results.length;
			return run;
		}
		run.pagesBelow.push({ cursor: next, index: nextIndex });
		cursor = next;
	}
	// Only posts emitted before: the unread ones were read since.
	if (!passedUnknown) run.reachedEnd = true;
	return run;
}

interface Delivery {
	emitted: IDataObject[];
	/** A failure that did not stop the poll, to be reported as a failed trigger execution. */
	failure?: Error;
}

/** One poll of a profile: read down to known posts, then emit the oldest new ones above them. */
async function pollProfile(
	this: IPollFunctions,
	feed: Feed,
	state: PollState,
	maxPages: number,
	maxResults: number,
	now: number,
	event: EventSpec,
): Promise<Delivery> {
	const known = new Set(state.known ?? []);
	// Known by ID, or older than what activation read; never by the newest time emitted: one post's odd time
	// (backdated, or ahead of the clock) must not make the unknown posts below it look known, nor a new post pinned.
	const isBelowKnown = (result: IDataObject) => {
		if (known.has(memoryKey(result))) return true;
		const time = soundTime(result, event.timeField, now);
		return time !== undefined && state.unreadBefore !== undefined && time < state.unreadBefore;
	};

	const descent = state.descent ?? [];
	const start = descent[descent.length - 1];
	let run: Run;
	try {
		run = await readDown.call(this, feed, start, maxPages, isBelowKnown, state.deliveredFrom);
	} catch (error) {
		if (start) {
			// A page cursor that keeps failing is dropped: reading the burst again from the top loses nothing.
			state.descentFailures = (state.descentFailures ?? 0) + 1;
			if (state.descentFailures >= RESUME_TRIES) {
				delete state.descent;
				delete state.descentFailures;
				delete state.deliveredFrom;
				(error as Error).message += ` [reading from where the last poll stopped failed ${RESUME_TRIES} times; the next poll reads the new posts again from the top]`;
			}
		}
		// Hands the error back unchanged; written so for n8n's require-node-api-error lint rule.
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	delete state.descentFailures;

	const reached = run.frontier !== undefined || run.reachedEnd;
	if (!reached) {
		const longCursor = run.pagesBelow.find((page) => page.cursor.length > CURSOR_CHARS_MAX);
		if (longCursor) {
			// Kept, it would break the static data bound: this burst must be read down in one poll.
			const failure = new NodeOperationError(
				this.getNode(),
				`Pullbay answered a page cursor of ${longCursor.cursor.length} characters, more than the ${CURSOR_CHARS_MAX} this trigger keeps between polls, so the new posts deeper than one poll's pages cannot be read; the next poll reads them again`,
				{ description: 'Raise Max Pages Per Poll, so that one poll reads down to the posts already delivered.' },
			);
			return { emitted: [], failure };
		}
		// Deeper than this poll's pages: remember where to go on, and emit nothing yet.
		state.descent = [...descent, ...run.pagesBelow].slice(-DESCENT_KEPT);
		const failure = run.failure;
		if (failure) failure.message += ' [a later page of this poll; the next poll reads it again, and the new posts above it are emitted once it answers]';
		return { emitted: [], failure };
	}

	const readAbove = run.frontier ?? run.results.length;
	const candidates = run.results.slice(0, readAbove).filter((result) => !isBelowKnown(result));
	// Feed order is newest first: the oldest are at the end, directly above what is known.
	const emitted = candidates.slice(-maxResults).reverse();

	const seenKnown = run.results.filter((result) => known.has(memoryKey(result))).map(memoryKey);
	state.known = [...new Set([...[...emitted].reverse().map(memoryKey), ...seenKnown, ...(state.known ?? [])])].slice(0, KNOWN_KEPT);

	if (emitted.length === candidates.length) {
		if (start) {
			// This page and everything below it is delivered: go up, as far as one poll can read.
			state.deliveredFrom = start.cursor;
			descent.splice(Math.max(0, descent.length - Math.max(1, maxPages - 1)));
			if (descent.length) state.descent = descent;
			else delete state.descent;
		} else {
			delete state.descent;
			delete state.deliveredFrom;
		}
	}
	return { emitted };
}

/** One poll of search or comments: emit what is unseen and recent, the oldest first. */
function deliverRelevant(
	state: PollState,
	results: IDataObject[],
	maxResults: number,
	now: number,
	event: EventSpec,
): { emitted: IDataObject[]; forgotten: number } {
	const recent = state.recent ?? {};
	const timed = results.map((result) => ({ result, key: memoryKey(result), time: soundTime(result, event.timeField, now) }));
	const floor = floorOf(state);
	const fresh = timed.filter(({ key, time }) => !(key in recent) && (time === undefined || time > floor));
	const emitted = oldestFirst(fresh, (entry) => entry.time).slice(0, maxResults);
	raiseWatermark(state, timed.map(({ time }) => time));
	// Without a sound time, a result is kept by when it was read: the watermark can jump a day ahead at once.
	for (const { key, time } of emitted) recent[key] = time ?? now;
	return { emitted: emitted.map(({ result }) => result), forgotten: rememberRecent(state, recent) };
}

/** Search and comments: a result at or before this time is not new (a day before the newest sound time read, or `floor`). */
const floorOf = (state: PollState) => Math.max(state.floor ?? -Infinity, (state.watermark ?? -Infinity) - LATE_ARRIVAL_MS);

/** Search and comments: the watermark follows the newest sound time read. */
function raiseWatermark(state: PollState, times: Array<number | undefined>): void {
	const sound = times.filter((time): time is number => time !== undefined);
	if (sound.length) state.watermark = Math.max(state.watermark ?? -Infinity, ...sound);
}

/** Keeps what is within the window, at most RECENT_KEPT, raising `floor` over what it forgets; returns how many it forgot early. */
function rememberRecent(state: PollState, recent: Record<string, number>): number {
	if (state.floor !== undefined && state.floor <= (state.watermark ?? -Infinity) - LATE_ARRIVAL_MS) delete state.floor;
	const floor = floorOf(state);
	const entries = Object.entries(recent).filter(([, time]) => time > floor);
	entries.sort((a, b) => b[1] - a[1]);
	let forgotten = 0;
	if (entries.length > RECENT_KEPT) {
		const cut = entries[RECENT_KEPT][1];
		const kept = entries.filter(([, time]) => time > cut);
		forgotten = entries.length - kept.length;
		state.floor = cut;
		state.recent = Object.fromEntries(kept);
	} else {
		state.recent = Object.fromEntries(entries);
	}
	return forgotten;
}

/** Reads the first Max Pages Per Poll pages; a failing later page ends the read with what came before. */
async function readRanking(
	this: IPollFunctions,
	feed: Feed,
	maxPages: number,
): Promise<{ results: IDataObject[]; reachedEnd: boolean; failure?: NodeApiError }> {
	const results: IDataObject[] = [];
	const read = new Set<string>();
	let cursor: string | undefined;
	for (let pages = 0; pages < maxPages; pages++) {
		let body: Envelope;
		try {
			body = await fetchPage.call(this, feed.endpoint, feed.values, cursor ? { ...feed.qs, cursor } : feed.qs);
		} catch (error) {
			if (pages === 0) throw new NodeApiError(this.getNode(), error as JsonObject);
			return { results, reachedEnd: false, failure: error as NodeApiError };
		}
		for (const result of body.data) {
			const key = memoryKey(result);
			if (!read.has(key)) results.push(result);
			read.add(key);
		}
		const next = body.pagination?.cursor ?? undefined;
		if (body.pagination?.hasNextPage !== true) return { results, reachedEnd: true };
		// More pages but no way to them: what was read is kept, and it is not the end of the feed.
		if (!next || next === cursor) return { results, reachedEnd: false };
		cursor = next;
	}
	return { results, reachedEnd: false };
}

/** Polls of one trigger running now, keyed by workflow and node: n8n starts a poll on time even if the last one still runs. */
const pollsRunning = new Set<string>();

/**
 * One poll. The first poll after activation only records what exists; a manual test run
 * returns the latest results so fields can be mapped, and changes nothing.
 */
export async function pollNewResults(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const eventName = this.getNodeParameter('event') as TriggerEvent;
	const event = EVENTS[eventName];
	const node = this.getNode();
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const maxResults = validCount(node, 'Max New Results Per Poll', options.maxResults ?? 50);
	const maxPages = validCount(node, 'Max Pages Per Poll', options.maxPages ?? 3);
	const rawTarget = readTarget.call(this, event.target);
	const target = validInput(node, event.target, rawTarget);

	if (this.getMode() === 'manual') {
		const feed = await feedFor.call(this, event, target, {});
		const { results } = await readRanking.call(this, feed, 1);
		const latest = oldestFirst(results.slice(0, maxResults), (result) => soundTime(result, event.timeField, Date.now()));
		return latest.length ? [latest.map((json) => ({ json }))] : null;
	}

	const running = `${this.getWorkflow().id ?? ''}/${node.id}`;
	if (pollsRunning.has(running)) {
		this.logger.warn('Pullbay TikTok Trigger: the previous poll is still running, so this one is skipped');
		return null;
	}
	pollsRunning.add(running);
	try {
		return await pollOnce.call(this, eventName, event, target, rawTarget, options, maxPages, maxResults);
	} finally {
		pollsRunning.delete(running);
	}
}

async function pollOnce(
	this: IPollFunctions,
	eventName: TriggerEvent,
	event: EventSpec,
	target: string,
	rawTarget: unknown,
	options: IDataObject,
	maxPages: number,
	maxResults: number,
): Promise<INodeExecutionData[][] | null> {
	const state = this.getWorkflowStaticData('node') as PollState;
	const watchingKey = (watched: unknown, filters: unknown[]) => JSON.stringify([eventName, watched, ...filters]);
	const rawFilters = event.filters.map((name) => options[name]);
	// A filter left empty filters nothing: it is the same target as one never set.
	const filters = rawFilters.map((value) => (String(value ?? '').trim() === '' ? undefined : value));
	const watching = watchingKey(target, filters);
	// The same target as saved by 0.1.0 (the field's value as typed) or with a filter left empty.
	const sameTarget = [watching, watchingKey(target, rawFilters), watchingKey(rawTarget, filters), watchingKey(rawTarget, rawFilters)];
	if (!sameTarget.includes(state.watching ?? '')) {
		for (const key of Object.keys(state)) delete state[key];
	}
	state.watching = watching;
	const now = Date.now();
	upgradeSavedState(state, event, now);
	const feed = await feedFor.call(this, event, target, state);
	const activation = state.known === undefined && state.recent === undefined;

	if (activation) {
		// The first poll records what exists; a failing page fails it, so nothing old is taken for new later.
		const { results, reachedEnd, failure } = await readRanking.call(this, feed, maxPages);
		if (failure) throw failure;
		const times = results.map((result) => soundTime(result, event.timeField, now)).filter((time): time is number => time !== undefined);
		if (event.order === 'newestFirst') {
			state.known = results.map(memoryKey).slice(0, KNOWN_KEPT);
			// Posts not remembered by ID (not read, or past KNOWN_KEPT) are known by being older than those that are.
			const keptTimes = results
				.slice(0, KNOWN_KEPT)
				.map((result) => soundTime(result, event.timeField, now))
				.filter((time): time is number => time !== undefined);
			if (keptTimes.length && (!reachedEnd || results.length > KNOWN_KEPT)) state.unreadBefore = Math.min(...keptTimes);
		} else {
			raiseWatermark(state, times);
			const recent: Record<string, number> = {};
			for (const result of results) recent[memoryKey(result)] = soundTime(result, event.timeField, now) ?? now;
			rememberRecent(state, recent);
		}
		return null;
	}

	let delivery: Delivery;
	if (event.order === 'newestFirst') {
		delivery = await pollProfile.call(this, feed, state, maxPages, maxResults, now, event);
	} else {
		const { results, failure } = await readRanking.call(this, feed, maxPages);
		const { emitted, forgotten } = deliverRelevant(state, results, maxResults, now, event);
		delivery = { emitted, failure };
		if (failure) failure.message += ` [a later page of this poll; ${emitted.length} new results from the pages before it were emitted]`;
		if (forgotten > 0) {
			const message = `More than ${RECENT_KEPT} results from the 24 hours before the newest one were read, so the ${forgotten} oldest were forgotten: results dated before ${new Date(state.floor ?? now).toISOString()} are no longer emitted, even if they are new to this trigger`;
			if (failure) failure.message += ` [${message}]`;
			else {
				delivery.failure = new NodeOperationError(this.getNode(), message, {
					description: 'Narrow the search (keyword, region, date range) or lower Max Pages Per Poll, so that fewer results are read per day.',
				});
			}
		}
	}

	// Reported without throwing, as n8n does for a poll that throws: throwing would discard what this poll delivered.
	if (delivery.failure) {
		this.logger.warn(`Pullbay TikTok Trigger: ${delivery.failure.message}`);
		this.__emitError(delivery.failure);
	}
	return delivery.emitted.length ? [delivery.emitted.map((json) => ({ json }))] : null;
}

/** Static data saved before this design (seenIds, one watermark, resumeCursor) becomes today's, losing and repeating nothing. */
function upgradeSavedState(state: PollState, event: EventSpec, now: number): void {
	if (state.seenIds === undefined) return;
	// Version 0.1.0 took any number for seconds: a watermark from a time in milliseconds is no time at all.
	if ((state.watermark ?? 0) > now + CLOCK_SKEW_MS) delete state.watermark;
	if (event.order === 'newestFirst') {
		state.known = state.seenIds.slice(0, KNOWN_KEPT);
		// 0.1.0 knew the posts below its seenIds by the watermark alone.
		if (state.watermark !== undefined) state.unreadBefore = state.watermark;
		delete state.watermark;
		// Below the old resume cursor are posts it had not emitted yet: read down from there first.
		if (state.resumeCursor) state.descent = [{ cursor: state.resumeCursor, index: PINNED_MAX, belowEmitted: true }];
	} else {
		// Their times were not kept: each is remembered as read now, for a day after the newest time read.
		state.recent = Object.fromEntries(state.seenIds.map((id) => [id, now]));
	}
	delete state.seenIds;
	delete state.resumeCursor;
	delete state.resumeFailures;
}

/** Oldest first by time; results without a sound time keep their reversed feed order. */
function oldestFirst<T>(results: T[], timeOf: (result: T) => number | undefined): T[] {
	return [...results]
		.reverse()
		.map((result, order) => ({ result, order, time: timeOf(result) }))
		.sort((a, b) => (a.time === undefined || b.time === undefined ? a.order - b.order : a.time - b.time || a.order - b.order))
		.map(({ result }) => result);
}
