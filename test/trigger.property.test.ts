/* eslint-disable @n8n/community-nodes/no-restricted-globals -- never shipped (package.json "files" is dist/ only): the run's seed and size come from the environment */
/**
 * The trigger's exactly-once guarantee, checked over random histories.
 *
 * A reference model plays TikTok: a newest-first profile with up to 3 pinned posts, or a search
 * or comment list whose ranking churns on every request. The fake API answers from the model,
 * and the real trigger polls it through n8n-core. Each history mixes bursts, pins, deletions,
 * outages, failing pages, answers that are not Pullbay's, restarts, overlapping polls, odd
 * times, page sizes, both cursor kinds and random options. After the history the feeds stop
 * changing and the trigger is given the number of polls the README promises.
 *
 * FC_SEED=<seed> replays a run (with FC_PATH=<path> from the failure: just the counterexample);
 * FC_RUNS sets the number of histories; FC_FEATURES=burst,oddTimes,... turns on only those
 * generators (how the defects of issue 17 were counted); FC_TRACE=1 prints feed and state per poll.
 */
import fc from 'fast-check';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { activeTrigger } from './engine/executeNode';
import { useFakeApi } from './helpers';
import { envelope, errorEnvelope, makeComment, makePost, TEST_API_KEY, type FakeResponse, type Json, type RecordedRequest } from './fake-api/server';
import { DESCENT_KEPT, STATE_BYTES_MAX } from '../nodes/PullbayTikTokTrigger/poll';

const { api } = useFakeApi();

type Kind = 'profile' | 'search' | 'comments';
type TimeStyle = 'seconds' | 'milliseconds' | 'iso' | 'missing' | 'zero' | 'future';
type CursorStyle = 'offset' | 'lastItem';

interface Item {
	id: string;
	/** Order of publication: a profile is newest first by this. */
	seq: number;
	/** Seconds. */
	time: number;
	style: TimeStyle;
	publishedAfterActivation: boolean;
	deleted: boolean;
	/** Relevance rank key, re-drawn on every churn. */
	rank: number;
}

type Step =
	| { type: 'publish'; count: number; style: TimeStyle }
	| { type: 'delete'; pick: number }
	| { type: 'pin'; pick: number }
	| { type: 'unpin' }
	| { type: 'poll' }
	| { type: 'overlappingPolls' }
	| { type: 'restart' }
	| { type: 'outage' }
	| { type: 'failPage'; page: number }
	| { type: 'badAnswer'; page: number };

interface History {
	kind: Kind;
	pageSize: number;
	maxPages: number;
	maxResults: number;
	cursor: CursorStyle;
	existing: number;
	steps: Step[];
}

const FEATURES = (process.env.FC_FEATURES ?? 'all').split(',');
const has = (feature: string) => FEATURES.includes('all') || FEATURES.includes(feature);

const timeStyle: fc.Arbitrary<TimeStyle> = has('oddTimes')
	? fc.oneof(
			{ weight: 6, arbitrary: fc.constant<TimeStyle>('seconds') },
			{ weight: 1, arbitrary: fc.constantFrom<TimeStyle>('milliseconds', 'iso', 'missing', 'zero', 'future') },
		)
	: fc.constant<TimeStyle>('seconds');

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
	{ weight: 6, arbitrary: fc.constant<Step>({ type: 'poll' }) },
	{
		weight: 4,
		arbitrary: fc.record({
			type: fc.constant('publish' as const),
			count: has('burst') ? fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 6, max: 120 })) : fc.integer({ min: 1, max: 5 }),
			style: timeStyle,
		}),
	},
	...(has('delete') ? [{ weight: 1, arbitrary: fc.record({ type: fc.constant('delete' as const), pick: fc.nat() }) }] : []),
	...(has('pins')
		? [
				{ weight: 1, arbitrary: fc.record({ type: fc.constant('pin' as const), pick: fc.nat() }) },
				{ weight: 1, arbitrary: fc.constant<Step>({ type: 'unpin' }) },
			]
		: []),
	...(has('overlap') ? [{ weight: 1, arbitrary: fc.constant<Step>({ type: 'overlappingPolls' }) }] : []),
	...(has('restart') ? [{ weight: 1, arbitrary: fc.constant<Step>({ type: 'restart' }) }] : []),
	...(has('failures')
		? [
				{ weight: 1, arbitrary: fc.constant<Step>({ type: 'outage' }) },
				{ weight: 1, arbitrary: fc.record({ type: fc.constant('failPage' as const), page: fc.integer({ min: 2, max: 4 }) }) },
				{ weight: 1, arbitrary: fc.record({ type: fc.constant('badAnswer' as const), page: fc.integer({ min: 1, max: 4 }) }) },
			]
		: []),
);

const historyArbitrary: fc.Arbitrary<History> = fc.record({
	kind: has('relevance') ? fc.constantFrom<Kind>('profile', 'search', 'comments') : fc.constant<Kind>('profile'),
	pageSize: fc.integer({ min: 1, max: 10 }),
	maxPages: has('maxPagesOne') ? fc.integer({ min: 1, max: 4 }) : fc.integer({ min: 2, max: 4 }),
	maxResults: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 6, max: 60 })),
	cursor: fc.constantFrom<CursorStyle>('offset', 'lastItem'),
	existing: fc.integer({ min: 0, max: 15 }),
	steps: fc.array(stepArbitrary, { maxLength: 10 }),
});

/** A churning search read by more than 1,000 results over its life: the memory's bound. */
const volumeArbitrary: fc.Arbitrary<History> = fc.record({
	kind: fc.constantFrom<Kind>('search', 'comments'),
	pageSize: fc.integer({ min: 100, max: 200 }),
	maxPages: fc.integer({ min: 4, max: 8 }),
	maxResults: fc.integer({ min: 1, max: 300 }),
	cursor: fc.constantFrom<CursorStyle>('offset', 'lastItem'),
	existing: fc.integer({ min: 500, max: 1500 }),
	steps: fc.array(
		fc.oneof(
			fc.constant<Step>({ type: 'poll' }),
			fc.record({ type: fc.constant('publish' as const), count: fc.integer({ min: 1, max: 300 }), style: fc.constant<TimeStyle>('seconds') }),
		),
		{ maxLength: 6 },
	),
});

const PARAMETERS: Record<Kind, INodeParameters> = {
	profile: { event: 'newPostByUser', userId: '1' },
	search: { event: 'newPostMatchingSearch', keyword: 'cats' },
	comments: { event: 'newCommentOnPost', postId: '7636131611674692894' },
};

/** The model's clock, in seconds: behind the real one, so ordinary times are never in the future. */
const START = Math.floor(Date.now() / 1000) - 3600;
const POLL_INTERVAL = 60;

class Model {
	items: Item[] = [];
	pins: string[] = [];
	now = START;
	seq = 0;
	/** Page numbers (1 = first) that fail on the next poll, and how. */
	failures = new Map<number, 'error' | 'html'>();

	constructor(
		readonly history: History,
		readonly random: () => number,
	) {}

	publish(count: number, style: TimeStyle, afterActivation: boolean, spreadSeconds = 0) {
		for (let i = 0; i < count; i++) {
			this.seq++;
			const time = spreadSeconds ? this.now - spreadSeconds + Math.floor((spreadSeconds * i) / Math.max(1, count)) : this.now;
			this.items.push({
				id: `${this.history.kind[0]}${this.seq}`,
				seq: this.seq,
				time,
				style,
				publishedAfterActivation: afterActivation,
				deleted: false,
				rank: this.random(),
			});
		}
	}

	visible() {
		return this.items.filter((item) => !item.deleted);
	}

	/** What the feed shows now, in order. */
	feed(): Item[] {
		const visible = this.visible();
		if (this.history.kind === 'profile') {
			const pinned = this.pins.map((id) => visible.find((item) => item.id === id)).filter((item): item is Item => !!item);
			const rest = visible.filter((item) => !this.pins.includes(item.id)).sort((a, b) => b.seq - a.seq);
			return [...pinned, ...rest];
		}
		return [...visible].sort((a, b) => a.rank - b.rank);
	}

	churn() {
		if (this.history.kind === 'profile') return;
		for (const item of this.items) item.rank = this.random();
	}

	render(item: Item): IDataObject {
		const field = this.history.kind === 'comments' ? 'createdAt' : 'uploadedAt';
		const base =
			this.history.kind === 'comments' ? makeComment(item.id, '7636131611674692894') : { ...makePost(item.id), uploadedAtFormatted: '' };
		const shown: Record<TimeStyle, unknown> = {
			seconds: this.history.kind === 'comments' ? new Date(item.time * 1000).toISOString() : item.time,
			milliseconds: item.time * 1000,
			iso: new Date(item.time * 1000).toISOString(),
			missing: undefined,
			zero: 0,
			future: item.time + 3 * 86400,
		};
		const rendered = { ...base, [field]: shown[item.style] } as IDataObject;
		if (item.style === 'missing') delete rendered[field];
		return rendered;
	}

	/** One page of the feed, as Pullbay answers it, for the cursor style of this history. */
	respond(request: RecordedRequest, pageNumber: number): FakeResponse {
		const failure = this.failures.get(pageNumber);
		if (failure === 'error') return errorEnvelope(503, 'Service unavailable', 'UNAVAILABLE');
		if (failure === 'html') return { status: 200, raw: '<html>Sign in</html>', headers: { 'content-type': 'text/html' } };
		const feed = this.feed();
		const { cursor } = request.query;
		let start = 0;
		if (cursor !== undefined) {
			if (cursor.startsWith('c')) start = Number(cursor.slice(1));
			else {
				// The cursor names the last item read: the page starts after it, wherever it now is.
				const seq = Number(cursor.slice(1));
				const index = feed.findIndex((item) => item.seq === seq);
				if (index >= 0) start = index + 1;
				else if (this.history.kind === 'profile') {
					// Deleted: a time-based cursor goes on with the older posts.
					const older = feed.findIndex((item, i) => i >= this.pins.length && item.seq < seq);
					start = older >= 0 ? older : feed.length;
				} else start = feed.length;
			}
		}
		const page = feed.slice(start, start + this.history.pageSize);
		const end = start + page.length;
		const hasNextPage = end < feed.length && page.length > 0;
		const last = page[page.length - 1];
		const next = !hasNextPage ? null : this.history.cursor === 'offset' ? `c${end}` : `a${last.seq}`;
		return {
			status: 200,
			body: envelope(page.map((item) => this.render(item)) as Json[], { page: null, hasNextPage, cursor: next, offset: null }),
		};
	}
}

/**
 * Polls the trigger needs, once the feeds stop changing, to deliver `waiting` results: the
 * README's formula. A profile is read down D = ceil((waiting + 4) / page size) pages (3 pins
 * and the first known post below them) in ceil(D / Max Pages) polls, then delivered upwards,
 * Max Pages - 1 pages at a time (1 when Max Pages is 1), each step taking
 * ceil(those pages' posts / Max New Results) polls; one more poll sees that nothing is left.
 * It keeps the cursors of DESCENT_KEPT pages: pages above those are read down again afterwards.
 * Search and comments emit Max New Results per poll from the pages a poll reads.
 */
export function pollsToDeliver(order: 'newestFirst' | 'relevance', waiting: number, pageSize: number, maxPages: number, maxResults: number): number {
	if (order === 'relevance') return Math.ceil(waiting / maxResults) + 1;
	const step = Math.max(1, maxPages - 1);
	const deliver = (depth: number): number => {
		const kept = Math.min(depth, DESCENT_KEPT);
		const polls = Math.ceil(depth / maxPages) + Math.ceil(kept / step) * Math.ceil((step * pageSize) / maxResults);
		return depth > DESCENT_KEPT ? polls + deliver(depth - DESCENT_KEPT) : polls;
	};
	return deliver(Math.ceil((waiting + 4) / pageSize)) + 1;
}

async function runHistory(history: History, randomSeed: number): Promise<void> {
	let state = randomSeed || 1;
	const random = () => {
		// xorshift: deterministic per history, so a shrunk counterexample replays.
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		return (state >>> 0) / 2 ** 32;
	};
	// Max Pages 1, or too few posts a poll to see past pins, relies on cursors that name the last
	// post read, as TikTok's profile cursors do (README: bounds); offset cursors are checked elsewhere.
	if (history.kind === 'profile' && (history.maxPages === 1 || history.maxPages * history.pageSize <= 3)) history = { ...history, cursor: 'lastItem' };
	const model = new Model(history, random);
	api.reset();
	// Existing results: posts over the last days (some older than a day), newest last.
	model.publish(history.existing, 'seconds', false, 3 * 86400);

	let pageNumber = 0;
	api.override = (request) => {
		pageNumber++;
		totalRequests++;
		return model.respond(request, request.query.cursor === undefined ? 1 : pageNumber);
	};

	const { poll, workflow, staticData } = activeTrigger(
		{ ...PARAMETERS[history.kind], options: { maxPages: history.maxPages, maxResults: history.maxResults } },
		{ apiKey: TEST_API_KEY, baseUrl: api.baseUrl },
	);
	const emitted: string[] = [];
	const readAtActivation = new Set<string>();
	const visibleAtActivation = new Set(model.visible().map((item) => item.id));

	// n8n saves static data when a poll emits (and at activation); a restart goes back to that.
	let saved = '{}';
	const onePoll = async () => {
		pageNumber = 0;
		// eslint-disable-next-line no-console -- FC_TRACE: what the trigger saw and kept, poll by poll
		if (process.env.FC_TRACE) console.log(JSON.stringify({ feed: model.feed().map((item) => item.id), state: staticData() }));
		try {
			const items = await poll();
			emitted.push(...items.map((item) => String(item.json.id)));
			if (items.length) saved = JSON.stringify(workflow.staticData);
		} catch {
			// A failed poll: n8n records a failed execution; the model goes on.
		}
	};
	const afterPoll = () => {
		const bytes = JSON.stringify(staticData()).length;
		if (bytes > STATE_BYTES_MAX) throw new Error(`Static data is ${bytes} bytes, above the bound of ${STATE_BYTES_MAX}`);
		model.failures.clear();
		model.churn();
		model.now += POLL_INTERVAL;
	};

	// Activation: records what exists (retried until it succeeds, as re-activating would).
	api.requests = [];
	await onePoll();
	for (const request of api.requests) {
		const answer = model.respond(request, 1);
		for (const item of ((answer.body as IDataObject | undefined)?.data as IDataObject[] | undefined) ?? []) readAtActivation.add(String(item.id));
	}
	saved = JSON.stringify(workflow.staticData);
	afterPoll();
	if (emitted.length) throw new Error(`The activation poll emitted ${emitted.join(', ')}`);

	for (const step of history.steps) {
		switch (step.type) {
			case 'publish':
				// At most 6 pages deep at once, so 1,000 histories fit in a minute; still deeper than Max Pages Per Poll (at most 4).
				if (has('burst')) model.publish(Math.min(step.count, 6 * history.pageSize), step.style, true);
				else {
					// Without bursts, one poll reads and emits all that is new.
					model.publish(Math.min(step.count, history.pageSize, history.maxResults), step.style, true);
					await onePoll();
					afterPoll();
				}
				break;
			case 'delete': {
				const visible = model.visible();
				if (visible.length) visible[step.pick % visible.length].deleted = true;
				break;
			}
			case 'pin': {
				// Pins are posts that existed at activation (see the README's bounds).
				const candidates = model.visible().filter((item) => !item.publishedAfterActivation && !model.pins.includes(item.id));
				if (history.kind === 'profile' && model.pins.length < 3 && candidates.length) model.pins.push(candidates[step.pick % candidates.length].id);
				break;
			}
			case 'unpin':
				model.pins.shift();
				break;
			case 'poll':
				await onePoll();
				afterPoll();
				break;
			case 'overlappingPolls':
				// Measuring one feature at a time, publishes are polled at once: give these polls something to emit.
				if (!has('burst')) model.publish(1, 'seconds', true);
				await Promise.all([onePoll(), onePoll()]);
				afterPoll();
				break;
			case 'restart':
				workflow.overrideStaticData(JSON.parse(saved) as IDataObject);
				break;
			case 'outage':
				model.failures.set(1, 'error');
				await onePoll();
				afterPoll();
				break;
			case 'failPage':
				model.failures.set(step.page, 'error');
				await onePoll();
				afterPoll();
				break;
			case 'badAnswer':
				model.failures.set(step.page, 'html');
				await onePoll();
				afterPoll();
				break;
		}
	}

	// The feeds stop changing: the trigger gets the polls the README promises.
	const frozen = model.feed();
	model.churn = () => {};
	const inView =
		history.kind === 'profile' ? frozen : frozen.slice(0, history.pageSize * history.maxPages);
	const owed = inView.filter((item) => item.publishedAfterActivation);
	// Search and comments also deliver results that existed unread at activation and are under a day
	// older than the newest read (an hour of slack: the newest read may be older than START).
	const dayAgo = START - 86400 - 3600;
	const competing = inView.filter(
		(item) => item.publishedAfterActivation || (history.kind !== 'profile' && !readAtActivation.has(item.id) && item.time > dayAgo),
	);
	const waiting = competing.filter((item) => !emitted.includes(item.id)).length;
	// A read down already under way when the feed stops changing is finished first: at most 2 polls a page it remembers.
	const underWay = 2 * ((staticData().descent as unknown[] | undefined)?.length ?? 0);
	const polls = underWay + pollsToDeliver(history.kind === 'profile' ? 'newestFirst' : 'relevance', waiting, history.pageSize, history.maxPages, history.maxResults);
	for (let i = 0; i < polls; i++) {
		await onePoll();
		afterPoll();
	}

	const counts = new Map<string, number>();
	for (const id of emitted) counts.set(id, (counts.get(id) ?? 0) + 1);
	const twice = [...counts].filter(([, count]) => count > 1).map(([id]) => id);
	if (twice.length) throw new Error(`Emitted more than once: ${twice.join(', ')}`);
	const old =
		history.kind === 'profile'
			? emitted.filter((id) => visibleAtActivation.has(id))
			: emitted.filter((id) => readAtActivation.has(id));
	if (old.length) throw new Error(`Emitted although ${history.kind === 'profile' ? 'on the profile' : 'read'} at activation: ${old.join(', ')}`);
	const missing = owed.filter((item) => !counts.has(item.id)).map((item) => `${item.id}(${item.style})`);
	if (missing.length) throw new Error(`Never emitted within ${polls} polls of a still feed: ${missing.join(', ')}`);
}

let totalRequests = 0;
const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const numRuns = Number(process.env.FC_RUNS ?? 1000);

test(`every result published after activation is emitted exactly once (seed ${seed}, ${numRuns} histories)`, async () => {
	// eslint-disable-next-line no-console -- the seed replays a failure: FC_SEED=<seed>
	console.log(`trigger property test: FC_SEED=${seed}, ${numRuns} histories`);
	const arbitrary = has('volume') ? fc.oneof({ weight: 50, arbitrary: historyArbitrary }, { weight: 1, arbitrary: volumeArbitrary }) : historyArbitrary;
	await fc.assert(
		fc.asyncProperty(arbitrary, fc.integer({ min: 1, max: 2 ** 30 }), async (history, randomSeed) => await runHistory(history, randomSeed)),
		{ seed, numRuns, endOnFailure: false, ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}) },
	);
	// eslint-disable-next-line no-console -- the cost of the run, for the README
	console.log(`trigger property test: ${numRuns} histories, ${totalRequests} requests`);
}, 600_000);
