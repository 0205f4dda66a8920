/**
 * How one API key's requests are paced in this n8n process, shared by every node, trigger and
 * execution that uses the key.
 *
 * n8n's routing engine starts every input item's request at once, so 100 items are 100
 * simultaneous requests. The pacer lets them out:
 * - in turns between executions (round-robin), so a 1-item run is not queued behind a long one;
 * - no more than the key's concurrency in flight. It opens at 20 and grows by one per answer
 *   until Pullbay first refuses with 429; a request unanswered for 4 times the usual answer time
 *   (1 to 30 s) stops counting, so hung requests cannot hold the key;
 * - after a 429, no request at all until Pullbay's Retry-After has passed, and no more than
 *   what the 429 showed Pullbay accepts. Refused with under half as many in flight as Pullbay
 *   has accepted together: a per-second plan, limited to those started in the second before.
 *   Otherwise a concurrency plan, limited to those in flight. A 429 to a request that was
 *   alone says neither: the key only pauses. Learned limits are raised one step at a time,
 *   once a minute has passed without a 429;
 * - never for an execution that was stopped: its waiting requests end at once, unsent.
 */
import { sleep } from 'n8n-workflow';

import { contentHash } from './hash';

/** Requests in flight before Pullbay has refused any: a typical batch of 20 items goes at once. */
const OPENING_CONCURRENCY = 20;
const MAX_CONCURRENCY = 128;
/** Per-second plans are learned and kept over this window... */
const RATE_WINDOW_MS = 1000;
/** ...paced with this much to spare, for clocks and networks that are not exact. */
const RATE_MARGIN_MS = 100;
/** No probing above a learned limit until this long after the last 429 that taught one. */
const PROBE_QUIET_MS = 60_000;
/** Then one step up per this many accepted requests times the limit. */
const PROBE_EVERY = 8;
/** A request unanswered for this many times the usual answer time stops counting as in flight. */
const STALE_FACTOR = 4;
const STALE_MIN_MS = 1000;
const STALE_MAX_MS = 30_000;
/** Before any answer has come back, the usual answer time is unknown. */
const STALE_UNKNOWN_MS = 10_000;
/** Accepted requests remembered to tell how many Pullbay took at once. */
const KEPT_SPANS = 64;
/** Longest the node waits for Pullbay's Retry-After; a longer pause fails what waits. */
export const MAX_WAIT_MS = 30_000;

/** Time and timers, replaceable in tests. */
export interface Clock {
	now(): number;
	/** Calls `callback` after `ms`; the returned function cancels it. */
	after(ms: number, callback: () => void): () => void;
}

const systemClock: Clock = {
	now: () => Date.now(),
	after(ms, callback) {
		const cancelled = new AbortController();
		// n8n 1.x's sleep has no signal; its timer then runs out and the check skips the call.
		sleep(ms, cancelled.signal).then(
			() => cancelled.signal.aborted || callback(),
			() => {},
		);
		return () => cancelled.abort();
	},
};

/**
 * Why a request never left (its execution was stopped, or Pullbay paused the key for too long),
 * or was cut off on its way (its execution was stopped while it was out).
 */
export class RequestNotSent extends Error {
	constructor(
		readonly reason: 'stopped' | 'paused' | 'cutOff',
		/** For a pause: when Pullbay said the key may send again. */
		readonly resumesAt = 0,
	) {
		super(reason === 'paused' ? 'The API key is paused' : 'The execution was stopped');
	}
}

/** A request let out by the pacer; hand it back with `accepted`, `refused` or `finished`. */
export interface Ticket {
	readonly startedAt: number;
}

interface Slot extends Ticket {
	/** Whether it counts against the concurrency: until answered, or until it is stale. */
	counted: boolean;
	done: boolean;
	stopStaleTimer: () => void;
}

interface Waiter {
	resolve: (slot: Slot) => void;
	reject: (error: RequestNotSent) => void;
	detach: () => void;
}

export class Pacer {
	/** Requests allowed in flight at once. */
	concurrency = OPENING_CONCURRENCY;

	/** Requests allowed to start per second; unknown until a per-second plan refuses one. */
	perSecond = Infinity;

	/** No request leaves before this time (ms since the epoch): Pullbay's Retry-After. */
	pausedUntil = 0;

	/** Until the first 429 that teaches a limit, the concurrency grows with every answer. */
	private opening = true;

	private inFlight = 0;

	/** The most requests in flight at once that Pullbay accepted. */
	private provenConcurrency = 0;

	/** When the last accepted requests started and ended, to tell how many overlapped. */
	private acceptedSpans: Array<{ start: number; end: number }> = [];

	/** Requests started within the rate window, refused ones left out. */
	private recent: Slot[] = [];

	/** Waiting requests per execution, and whose turn is next. */
	private readonly lanes = new Map<string, Waiter[]>();

	private turns: string[] = [];

	private usualAnswerMs?: number;

	private lastLessonAt = -Infinity;

	private acceptedSinceConcurrencyStep = 0;

	private acceptedSinceRateStep = 0;

	private wake?: { at: number; cancel: () => void };

	constructor(private readonly clock: Clock = systemClock) {}

	/** Requests let out and not yet answered, stale ones aside. */
	get requestsInFlight(): number {
		return this.inFlight;
	}

	/**
	 * Waits for this request's turn, in its execution's lane. A retry goes first in its lane.
	 * Rejects with RequestNotSent when the execution is stopped first, or when Pullbay has
	 * paused the key for longer than the node waits.
	 */
	async enter(lane: string, signal?: AbortSignal, retry = false): Promise<Ticket> {
		if (signal?.aborted) throw new RequestNotSent('stopped');
		if (this.pausedUntil - this.clock.now() > MAX_WAIT_MS) throw new RequestNotSent('paused', this.pausedUntil);
		return await new Promise<Slot>((resolve, reject) => {
			const onStop = () => {
				this.remove(lane, waiter);
				reject(new RequestNotSent('stopped'));
			};
			const waiter: Waiter = { resolve, reject, detach: () => signal?.removeEventListener('abort', onStop) };
			signal?.addEventListener('abort', onStop, { once: true });
			let queue = this.lanes.get(lane);
			if (!queue) {
				queue = [];
				this.lanes.set(lane, queue);
				this.turns.push(lane);
			}
			if (retry) queue.unshift(waiter);
			else queue.push(waiter);
			this.pump();
		});
	}

	/** Pullbay answered (any answer but 429 or a server error): the key can take this much. */
	accepted(ticket: Ticket): void {
		const slot = ticket as Slot;
		if (slot.done) return;
		const now = this.clock.now();
		const answerMs = now - slot.startedAt;
		this.usualAnswerMs = this.usualAnswerMs === undefined ? answerMs : 0.8 * this.usualAnswerMs + 0.2 * answerMs;
		// Never more than the pacer let out: a late answer can make spans seem to overlap.
		const atOnce = Math.min(Math.floor(this.concurrency), this.mostAcceptedAtOnce(slot.startedAt, now));
		this.provenConcurrency = Math.max(this.provenConcurrency, atOnce);
		if (this.opening) {
			this.concurrency = Math.min(MAX_CONCURRENCY, this.concurrency + 1);
		} else if (now - this.lastLessonAt >= PROBE_QUIET_MS) {
			if (++this.acceptedSinceConcurrencyStep >= PROBE_EVERY * Math.floor(this.concurrency)) {
				this.acceptedSinceConcurrencyStep = 0;
				this.concurrency = Math.min(MAX_CONCURRENCY, this.concurrency + 1);
			}
			if (this.perSecond !== Infinity && ++this.acceptedSinceRateStep >= PROBE_EVERY * this.perSecond) {
				this.acceptedSinceRateStep = 0;
				this.perSecond++;
			}
		}
		this.finished(slot);
	}

	/**
	 * Pullbay answered 429 and asked for `waitMs` before the next request: the whole key pauses
	 * that long, and learns the limit the 429 shows.
	 */
	refused(ticket: Ticket, waitMs: number): void {
		const slot = ticket as Slot;
		if (slot.done) return;
		const now = this.clock.now();
		const position = this.recent.indexOf(slot);
		// Requests let out in the second before this one and not refused: Pullbay took them (or is
		// taking them), in the order they left. Counting only answered ones would undercount.
		const takenInSecond = this.recent
			.slice(0, position === -1 ? this.recent.length : position)
			.filter((other) => other.startedAt >= slot.startedAt - RATE_WINDOW_MS).length;
		this.recent = this.recent.filter((other) => other !== slot);
		const others = this.inFlight - (slot.counted ? 1 : 0);
		if (takenInSecond >= 2 && 2 * others < this.provenConcurrency) {
			// Far fewer in flight than Pullbay has accepted together: it counts requests per second.
			this.perSecond = Math.min(this.perSecond, takenInSecond);
			this.learned(now);
		} else if (others >= 1) {
			// Refused while others were out: at most those are allowed in flight.
			this.concurrency = Math.max(1, Math.min(Math.floor(this.concurrency), others));
			this.learned(now);
		}
		// A 429 to a request that was alone says nothing about the plan: the key only pauses.
		this.pausedUntil = Math.max(this.pausedUntil, now + waitMs);
		if (this.pausedUntil - now > MAX_WAIT_MS) {
			for (const queue of this.lanes.values()) {
				for (const waiter of queue) {
					waiter.detach();
					waiter.reject(new RequestNotSent('paused', this.pausedUntil));
				}
			}
			this.lanes.clear();
			this.turns = [];
		}
		this.finished(slot);
	}

	/** The request is over: answered (after `accepted` or `refused`), failed or abandoned. */
	finished(ticket: Ticket): void {
		const slot = ticket as Slot;
		slot.stopStaleTimer();
		if (slot.counted) this.inFlight--;
		slot.counted = false;
		slot.done = true;
		this.pump();
	}

	/**
	 * Adds an accepted request's span and returns the most accepted spans that overlapped. Only
	 * answers count: requests still out may yet be refused.
	 */
	private mostAcceptedAtOnce(start: number, end: number): number {
		this.acceptedSpans.push({ start, end });
		if (this.acceptedSpans.length > KEPT_SPANS) this.acceptedSpans.shift();
		let most = 0;
		// Only where the new span lies can more spans overlap than before.
		for (const { start: at } of this.acceptedSpans) {
			if (at < start || at >= end) continue;
			const covering = this.acceptedSpans.filter((span) => span.start <= at && at < span.end).length;
			most = Math.max(most, covering);
		}
		return most;
	}

	/**
	 * The execution was stopped while the request was out, and n8n cut it off. Pullbay may still
	 * be answering it, so it keeps its place for the usual answer time.
	 */
	abandoned(ticket: Ticket): void {
		const slot = ticket as Slot;
		if (slot.done) return;
		const stillAnswering = Math.max(0, slot.startedAt + (this.usualAnswerMs ?? 0) - this.clock.now());
		this.clock.after(stillAnswering, () => this.finished(slot));
	}

	private learned(now: number): void {
		this.opening = false;
		this.lastLessonAt = now;
		this.acceptedSinceConcurrencyStep = 0;
		this.acceptedSinceRateStep = 0;
	}

	private remove(lane: string, waiter: Waiter): void {
		const queue = this.lanes.get(lane);
		if (!queue) return;
		queue.splice(queue.indexOf(waiter), 1);
		if (queue.length === 0) {
			this.lanes.delete(lane);
			this.turns = this.turns.filter((turn) => turn !== lane);
		}
		if (this.turns.length === 0) this.wakeAt(undefined);
	}

	private staleAfterMs(): number {
		if (this.usualAnswerMs === undefined) return STALE_UNKNOWN_MS;
		return Math.min(STALE_MAX_MS, Math.max(STALE_MIN_MS, STALE_FACTOR * this.usualAnswerMs));
	}

	/** Lets out as many waiting requests as the limits allow, taking lanes in turn. */
	private pump(): void {
		while (this.turns.length > 0) {
			const now = this.clock.now();
			if (now < this.pausedUntil) return this.wakeAt(this.pausedUntil);
			if (this.inFlight >= Math.floor(this.concurrency)) return this.wakeAt(undefined);
			const window = RATE_WINDOW_MS + RATE_MARGIN_MS;
			this.recent = this.recent.filter((slot) => slot.startedAt > now - window);
			if (this.recent.length >= this.perSecond) {
				return this.wakeAt(this.recent[this.recent.length - this.perSecond].startedAt + window);
			}

			const lane = this.turns.shift()!;
			const queue = this.lanes.get(lane)!;
			const waiter = queue.shift()!;
			if (queue.length > 0) this.turns.push(lane);
			else this.lanes.delete(lane);
			waiter.detach();

			const slot: Slot = { startedAt: now, counted: true, done: false, stopStaleTimer: () => {} };
			slot.stopStaleTimer = this.clock.after(this.staleAfterMs(), () => {
				if (!slot.counted) return;
				slot.counted = false;
				this.inFlight--;
				this.pump();
			});
			this.inFlight++;
			this.recent.push(slot);
			waiter.resolve(slot);
		}
		this.wakeAt(undefined);
	}

	/** One timer for the next time a waiting request may leave (none when undefined). */
	private wakeAt(at: number | undefined): void {
		if (this.wake?.at === at) return;
		this.wake?.cancel();
		this.wake = undefined;
		if (at === undefined) return;
		const cancel = this.clock.after(Math.max(0, at - this.clock.now()), () => {
			this.wake = undefined;
			this.pump();
		});
		this.wake = { at, cancel };
	}
}

/**
 * One pacer per Base URL and key. The map is keyed by a hash of the two, so the key itself is
 * not kept; the hash only tells keys apart.
 */
const pacers = new Map<string, Pacer>();

export const pacerId = (baseUrl: string, apiKey: string) => contentHash(`${baseUrl}\n${apiKey}`);

export function pacerFor(baseUrl: string, apiKey: string): Pacer {
	const id = pacerId(baseUrl, apiKey);
	let pacer = pacers.get(id);
	if (!pacer) {
		pacer = new Pacer();
		pacers.set(id, pacer);
	}
	return pacer;
}

/** Waits `ms`, unless the execution is stopped first (then rejects with RequestNotSent). */
export async function waitUnlessStopped(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) throw new RequestNotSent('stopped');
	let onStop = () => {};
	const stopped = new Promise<never>((_, reject) => {
		onStop = () => reject(new RequestNotSent('stopped'));
		signal?.addEventListener('abort', onStop, { once: true });
	});
	try {
		await Promise.race([sleep(ms), stopped]);
	} finally {
		signal?.removeEventListener('abort', onStop);
	}
}
