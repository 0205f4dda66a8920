/**
 * How many Pullbay requests one API key has in flight in this n8n process.
 *
 * n8n's routing engine starts every input item's request at once, so 100 items are 100
 * simultaneous requests. Each key gets one gate, shared by every node, trigger and execution
 * of the process: requests queue in order, the number in flight starts small and doubles while
 * Pullbay accepts them, drops to what Pullbay accepted when it answers 429, and then probes
 * upward slowly, so a steady gateway limit costs a handful of 429s, not one per item.
 */

/** Requests in flight before Pullbay has said anything about its limit. */
const INITIAL_LIMIT = 8;
/** Never more in flight than this per key, whatever Pullbay accepts. */
const MAX_LIMIT = 128;
/** After a 429, one more request in flight per this many successes times the limit. */
const PROBE_SLOWNESS = 8;

export class RequestGate {
	limit = INITIAL_LIMIT;

	inFlight = 0;

	/** False once Pullbay has answered 429: growth then turns from doubling to probing. */
	private slowStart = true;

	private successes = 0;

	private readonly waiting: Array<() => void> = [];

	/** Waits for a free slot; call the returned function once the answer is in. */
	async enter(): Promise<() => void> {
		if (this.inFlight >= Math.floor(this.limit)) {
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		} else {
			this.inFlight++;
		}
		let left = false;
		return () => {
			if (left) return;
			left = true;
			this.inFlight--;
			this.wake();
		};
	}

	/** Pullbay accepted a request. */
	accepted(): void {
		if (this.slowStart) {
			this.limit = Math.min(MAX_LIMIT, this.limit + 1);
		} else if (++this.successes >= PROBE_SLOWNESS * Math.floor(this.limit)) {
			this.successes = 0;
			this.limit = Math.min(MAX_LIMIT, this.limit + 1);
		}
		this.wake();
	}

	/**
	 * Pullbay answered 429 while `inFlight` requests (this one included) were out: it accepted
	 * at most the others, so that is the new limit.
	 */
	rateLimited(): void {
		this.slowStart = false;
		this.successes = 0;
		this.limit = Math.max(1, Math.min(this.limit, this.inFlight - 1));
	}

	/** Hands free slots to the longest waiting requests. */
	private wake(): void {
		while (this.waiting.length > 0 && this.inFlight < Math.floor(this.limit)) {
			this.inFlight++;
			this.waiting.shift()!();
		}
	}
}

/** One gate per Base URL and key. The key is only a map key in memory; it is never logged. */
const gates = new Map<string, RequestGate>();

export function gateFor(baseUrl: string, apiKey: string): RequestGate {
	const id = `${baseUrl}\n${apiKey}`;
	let gate = gates.get(id);
	if (!gate) {
		gate = new RequestGate();
		gates.set(id, gate);
	}
	return gate;
}
