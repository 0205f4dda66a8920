import fc from 'fast-check';

import { MAX_WAIT_MS, Pacer, RequestNotSent, type Clock, type Ticket } from '../nodes/shared/scheduler';

/**
 * Random histories of several executions sharing one key: requests entering, executions
 * stopped, Pullbay accepting, refusing (with any Retry-After) or failing them, and time passing.
 * A reference model of what the pacer promises is checked after every step. Time is a fake clock.
 */

/** Every request is at least this young while it still counts as in flight. */
const NEVER_STALE_BEFORE_MS = 1000;
const RATE_WINDOW_MS = 1100;

class FakeClock implements Clock {
	time = 1_000_000;

	private timers: Array<{ at: number; callback: () => void; cancelled: boolean }> = [];

	now = () => this.time;

	after(ms: number, callback: () => void) {
		const timer = { at: this.time + ms, callback, cancelled: false };
		this.timers.push(timer);
		return () => (timer.cancelled = true);
	}

	/** The next timer due by `until`, taken off the list, with the clock moved to it. */
	nextDue(until: number) {
		this.timers = this.timers.filter((timer) => !timer.cancelled);
		const due = this.timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
		if (!due) return undefined;
		this.timers.splice(this.timers.indexOf(due), 1);
		this.time = Math.max(this.time, due.at);
		return due;
	}
}

const flush = async () => {
	for (let i = 0; i < 10; i++) await Promise.resolve();
};

type Step =
	| { kind: 'enter'; lane: number }
	| { kind: 'stop'; lane: number }
	| { kind: 'answer'; pick: number; answer: 'accepted' | 'refused' | 'failed'; waitMs: number }
	| { kind: 'advance'; ms: number };

const steps = fc.array(
	fc.oneof(
		{ weight: 5, arbitrary: fc.record({ kind: fc.constant('enter' as const), lane: fc.nat(2) }) },
		{ weight: 1, arbitrary: fc.record({ kind: fc.constant('stop' as const), lane: fc.nat(2) }) },
		{
			weight: 5,
			arbitrary: fc.record({
				kind: fc.constant('answer' as const),
				pick: fc.nat(),
				answer: fc.constantFrom('accepted' as const, 'accepted' as const, 'refused' as const, 'failed' as const),
				waitMs: fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 45_000 })),
			}),
		},
		{ weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 3000 }) }) },
	),
	{ maxLength: 120 },
);

interface Request {
	id: number;
	lane: number;
	enteredAt: number;
	/** Whether its execution had been stopped when it entered. */
	stoppedOnEntry: boolean;
	outcome?: 'sent' | RequestNotSent['reason'];
	settledTimes: number;
	ticket?: Ticket;
	answered?: 'accepted' | 'refused' | 'failed';
}

async function runHistory(concurrency: number | undefined, perSecond: number | undefined, history: Step[]) {
	const clock = new FakeClock();
	const pacer = new Pacer(clock);
	// A key that has already learned small limits, where turns and limits matter most.
	if (concurrency !== undefined) pacer.concurrency = concurrency;
	if (perSecond !== undefined) pacer.perSecond = perSecond;
	const stops = [0, 1, 2].map(() => new AbortController());
	const requests: Request[] = [];
	const sentOrder: Request[] = [];
	let pausedUntil = 0;
	/** Refusals that paused the key for longer than the node waits. */
	const longPauses: Array<{ at: number; until: number }> = [];
	let checked = 0;

	const enter = (lane: number) => {
		const request: Request = {
			id: requests.length,
			lane,
			enteredAt: clock.time,
			stoppedOnEntry: stops[lane].signal.aborted,
			settledTimes: 0,
		};
		requests.push(request);
		pacer.enter(String(lane), stops[lane].signal).then(
			(ticket) => {
				request.settledTimes++;
				request.outcome = 'sent';
				request.ticket = ticket;
				sentOrder.push(request);
			},
			(error: RequestNotSent) => {
				request.settledTimes++;
				request.outcome = error.reason;
			},
		);
	};

	/** What the pacer promises, for every request let out since the last check. */
	const check = () => {
		for (const request of requests) expect(request.settledTimes).toBeLessThanOrEqual(1);
		for (; checked < sentOrder.length; checked++) {
			const request = sentOrder[checked];
			const at = request.ticket!.startedAt;
			expect(request.stoppedOnEntry).toBe(false);
			// Never while Pullbay has asked the key to wait.
			expect(at).toBeGreaterThanOrEqual(pausedUntil);
			// Never more young requests in flight than the concurrency allows.
			const young = sentOrder
				.slice(0, checked + 1)
				.filter((other) => other.answered === undefined && other.ticket!.startedAt > at - NEVER_STALE_BEFORE_MS);
			expect(young.length).toBeLessThanOrEqual(Math.floor(pacer.concurrency));
			// Never more started in a rate window than the per-second limit, refused ones aside.
			const inWindow = sentOrder
				.slice(0, checked + 1)
				.filter((other) => other.answered !== 'refused' && other.ticket!.startedAt > at - RATE_WINDOW_MS);
			expect(inWindow.length).toBeLessThanOrEqual(pacer.perSecond);
			// In turns: no other lane that waited since this lane's previous turn was passed over.
			const previous = sentOrder.slice(0, checked).filter((other) => other.lane === request.lane).pop();
			if (previous) {
				const since = previous.ticket!.startedAt;
				const sentSince = new Set(
					sentOrder.slice(sentOrder.indexOf(previous) + 1, checked).map((other) => other.lane),
				);
				for (const other of requests) {
					const waitedAcross =
						other.lane !== request.lane &&
						other.enteredAt < since &&
						(other.outcome === undefined || (other.outcome === 'sent' && sentOrder.indexOf(other) > checked));
					if (waitedAcross) expect(sentSince.has(other.lane)).toBe(true);
				}
			}
			// In order within an execution.
			const earlier = requests.filter((other) => other.lane === request.lane && other.id < request.id);
			for (const other of earlier) expect(other.outcome).toBeDefined();
		}
		// No slot is held for a request that nobody is waiting on.
		expect(pacer.requestsInFlight).toBeLessThanOrEqual(sentOrder.filter((request) => request.answered === undefined).length);
		// A stopped execution has nothing waiting.
		for (const request of requests) {
			if (stops[request.lane].signal.aborted) expect(request.outcome).toBeDefined();
		}
	};

	const answer = (request: Request, answered: 'accepted' | 'refused' | 'failed', waitMs = 0) => {
		request.answered = answered;
		if (answered === 'accepted') pacer.accepted(request.ticket!);
		else if (answered === 'refused') {
			pausedUntil = Math.max(pausedUntil, clock.time + waitMs);
			if (pausedUntil - clock.time > MAX_WAIT_MS) longPauses.push({ at: clock.time, until: pausedUntil });
			pacer.refused(request.ticket!, waitMs);
		} else pacer.finished(request.ticket!);
	};

	const advance = async (ms: number) => {
		const until = clock.time + ms;
		for (let due = clock.nextDue(until); due; due = clock.nextDue(until)) {
			due.callback();
			await flush();
			check();
		}
		clock.time = until;
	};

	for (const step of history) {
		if (step.kind === 'enter') enter(step.lane);
		if (step.kind === 'stop') stops[step.lane].abort();
		if (step.kind === 'answer') {
			const open = sentOrder.filter((request) => request.answered === undefined);
			if (open.length > 0) answer(open[step.pick % open.length], step.answer, step.waitMs);
		}
		if (step.kind === 'advance') await advance(step.ms);
		await flush();
		check();
	}

	// Pullbay accepts everything from now on: every request ends, exactly once.
	for (let round = 0; requests.some((request) => request.outcome === undefined); round++) {
		expect(round).toBeLessThan(500);
		for (const request of sentOrder.filter((other) => other.answered === undefined)) answer(request, 'accepted');
		await flush();
		check();
		await advance(1000);
	}
	for (const request of requests) {
		expect(request.settledTimes).toBe(1);
		// Only Stop, or a pause longer than the node waits, keeps a request from being sent: one
		// that began while it waited, or one that came while the rest of it was still too long.
		if (request.outcome === 'stopped') expect(stops[request.lane].signal.aborted).toBe(true);
		if (request.outcome === 'paused') {
			const cause = longPauses.find(
				({ at, until }) => request.enteredAt <= at || request.enteredAt < until - MAX_WAIT_MS,
			);
			expect(cause).toBeDefined();
		}
	}
}

const smallLimit = fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined });

test('every request is sent at most once or ends unsent with a reason, in turns, within the limits Pullbay taught', async () => {
	await fc.assert(fc.asyncProperty(smallLimit, smallLimit, steps, runHistory), { numRuns: 300 });
});
