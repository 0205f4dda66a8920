import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { ENDPOINTS } from '../nodes/shared/endpoints';
import { sendToPullbay } from '../nodes/shared/transport';
import { executeNode, type RunOptions } from './engine/executeNode';
import { errorEnvelope, FakePullbayApi, makeUser, TEST_API_KEY, type RecordedRequest } from './fake-api/server';

/**
 * Several executions on one API key at once, as when a trigger, a long enrichment run and an
 * agent share a key. Every test gets its own server, so its own Base URL and so its own pacing:
 * what one test teaches the node stays there. Assertions are on requests and their order, not
 * on wall time (timings are measured in `npm run bench`).
 */
let api: FakePullbayApi;
beforeEach(async () => {
	api = new FakePullbayApi();
	await api.start();
	api.latencyMs = 100;
});
afterEach(async () => await api.stop());

/** Users `${prefix}1` … `${prefix}count`, and input items naming them. */
function users(prefix: string, count: number): INodeExecutionData[] {
	const input = Array.from({ length: count }, (_, i) => ({ json: { handle: `${prefix}${i + 1}` } }));
	api.data.users.push(...input.map(({ json }, i) => makeUser(json.handle, `${prefix}-${i + 1}`)));
	return input;
}

const getUser: INodeParameters = { resource: 'user', operation: 'get', username: '={{ $json.handle }}' };

const execute = async (input: INodeExecutionData[], options: Partial<RunOptions> = {}) =>
	await executeNode({
		parameters: getUser,
		credentials: { apiKey: TEST_API_KEY, baseUrl: api.baseUrl },
		input,
		onError: 'continueRegularOutput',
		...options,
	});

const byPrefix = (prefix: string) => (request: RecordedRequest) => request.path.includes(`/handle/${prefix}`);
const accepted = (items: INodeExecutionData[]) => items.filter((item) => item.json.error === undefined).length;

async function until(what: string, condition: () => boolean) {
	for (let waited = 0; !condition(); waited += 10) {
		if (waited > 30_000) throw new Error(`Timed out waiting for ${what}`);
		await sleep(10);
	}
}

describe('one key, several executions', () => {
	test('1. a 1-item execution started during a 200-item one is served next, not after the queue', async () => {
		api.maxInFlight = 5;
		const long = execute(users('a', 200));
		await until('the long run to get going', () => api.requests.filter(byPrefix('a')).length >= 30);

		const sentBefore = api.requests.length;
		const short = await execute(users('b', 1));
		const shortRequest = api.requests.findIndex(byPrefix('b'));
		const { items } = await long;

		expect(accepted(short.items)).toBe(1);
		expect(accepted(items)).toBe(200);
		// Round-robin: at most the requests already in flight, and one turn, go before it.
		expect(shortRequest - sentBefore).toBeLessThanOrEqual(10);
	});

	test('2a. hung requests of one execution do not hold back another', async () => {
		api.hang = byPrefix('a');
		const hung = execute(users('a', 8), { parameters: { ...getUser, requestOptions: { timeout: 5000 } } });
		await until('the hung requests to arrive', () => api.requests.length === 8);
		let hungEnded = false;
		void hung.then(() => (hungEnded = true));

		const other = await execute(users('b', 1));

		expect(accepted(other.items)).toBe(1);
		expect(hungEnded).toBe(false);
		expect((await hung).items.filter((item) => String(item.json.error).includes('did not answer'))).toHaveLength(8);
	});

	test('2b. after a 429 has narrowed the key to 1 in flight, one hung request does not hold back another execution', async () => {
		api.maxInFlight = 1;
		expect(accepted((await execute(users('warm', 4))).items)).toBe(4);
		api.maxInFlight = Infinity;
		api.hang = byPrefix('a');
		const hung = execute(users('a', 1), { parameters: { ...getUser, requestOptions: { timeout: 5000 } } });
		await until('the hung request to arrive', () => api.requests.some(byPrefix('a')));
		let hungEnded = false;
		void hung.then(() => (hungEnded = true));

		const other = await execute(users('b', 1));

		expect(accepted(other.items)).toBe(1);
		expect(hungEnded).toBe(false);
		await hung;
	});

	test('3. Stop drops the queued requests at once, and the next execution is not held back', async () => {
		api.maxInFlight = 5;
		const stop = new AbortController();
		const stopped = execute(users('a', 60), { stop: stop.signal });
		await until('the run to get going', () => api.requests.filter(byPrefix('a')).length - api.rateLimited >= 10);

		stop.abort();
		const sentAtStop = api.requests.filter(byPrefix('a')).length;
		await stopped;
		const next = await execute(users('b', 5));
		await sleep(500);

		// Only requests already handed to the network when Stop came may still arrive.
		expect(api.requests.filter(byPrefix('a')).length - sentAtStop).toBeLessThanOrEqual(5);
		expect(accepted(next.items)).toBe(5);
		expect(api.requests.filter(byPrefix('b'))).toHaveLength(5);
	});

	test('3b. a request of a stopped execution ends unsent, with an error that says so', async () => {
		const stop = new AbortController();
		stop.abort();
		let sent = false;
		const request = sendToPullbay(
			async () => {
				sent = true;
				return { data: [] };
			},
			{
				node: { id: 'n', name: 'Pullbay TikTok', type: 'pullbayTikTok', typeVersion: 1, position: [0, 0], parameters: {} },
				credentials: { apiKey: TEST_API_KEY, baseUrl: api.baseUrl },
				endpoint: ENDPOINTS.userByHandle,
				values: { username: 'a1' },
				execution: { id: 'stopped-execution', signal: stop.signal },
			},
		);

		await expect(request).rejects.toMatchObject({
			message: 'The execution was stopped before this request was sent',
			description: 'Nothing was sent to Pullbay for this item, so no credits were used.',
		});
		expect(sent).toBe(false);
	});
});

describe('429 is a signal for the whole key', () => {
	test('4a. 5 requests per second, 20 ms answers, 60 items: all 60, at most 90 requests', async () => {
		api.latencyMs = 20;
		api.maxPerSecond = 5;

		const { items } = await execute(users('a', 60));

		expect(accepted(items)).toBe(60);
		expect(api.requests.length).toBeLessThanOrEqual(90);
	});

	test('4b. 2 requests per second, 30 items: all 30', async () => {
		api.latencyMs = 20;
		api.maxPerSecond = 2;

		const { items } = await execute(users('a', 30));

		expect(accepted(items)).toBe(30);
		expect(api.requests.length).toBeLessThanOrEqual(50);
	});

	test('5. one 429 to a lone request does not narrow the key: 50 items then still go out side by side', async () => {
		let refused = false;
		api.override = () => {
			if (refused) return undefined;
			refused = true;
			return { ...errorEnvelope(429, 'Too many requests', 'RATE_LIMITED'), headers: { 'retry-after': '1' } };
		};
		expect(accepted((await execute(users('poll', 1))).items)).toBe(1);
		api.peakInFlight = 0;

		const { items } = await execute(users('a', 50));

		expect(accepted(items)).toBe(50);
		expect(api.requests).toHaveLength(52);
		expect(api.peakInFlight).toBeGreaterThanOrEqual(20);
	});
});

describe('a cold process', () => {
	test('6. sends a typical batch of 20 items at once, and opens further while nothing limits it', async () => {
		const { items } = await execute(users('a', 20));
		expect(accepted(items)).toBe(20);
		expect(api.peakInFlight).toBe(20);

		api.peakInFlight = 0;
		expect(accepted((await execute(users('b', 100))).items)).toBe(100);
		expect(api.peakInFlight).toBeGreaterThan(40);
		expect(api.rateLimited).toBe(0);
	});
});

describe('Retry-After edge cases', () => {
	const refuseAll = (retryAfter: string) => {
		api.override = () => ({ ...errorEnvelope(429, 'Too many requests', 'RATE_LIMITED'), headers: { 'retry-after': retryAfter } });
	};

	test('7a. longer than the node waits: no retry, a message that says so, and queued items are not sent', async () => {
		refuseAll('120');

		const first = await execute(users('a', 3));
		const later = await execute(users('b', 2));

		// The three went out together, before Pullbay answered; none was retried.
		expect(api.requests.filter(byPrefix('a'))).toHaveLength(3);
		const error = first.items[0].json.error as string;
		expect(error).toContain('Pullbay is rate limiting this API key');
		expect(first.items.map((item) => item.error?.description)).toEqual(
			Array(3).fill(expect.stringContaining('Pullbay asked to wait 120 s before trying again, more than the node waits (30 s), so it did not retry')),
		);
		// The key is paused for longer than the node waits: the next execution sends nothing.
		expect(api.requests.filter(byPrefix('b'))).toHaveLength(0);
		expect(later.items.map((item) => item.json.error)).toEqual(
			Array(2).fill(expect.stringContaining('Not sent: Pullbay asked this API key to wait')),
		);
	});

	test.each(['', '-5', 'soon'])('7b. Retry-After %j is not an instant retry', async (retryAfter) => {
		let refused = false;
		api.override = () => {
			if (refused) return undefined;
			refused = true;
			return { ...errorEnvelope(429, 'Too many requests', 'RATE_LIMITED'), headers: { 'retry-after': retryAfter } };
		};

		const { items } = await execute(users('a', 1));

		expect(accepted(items)).toBe(1);
		expect(api.requests).toHaveLength(2);
		expect(api.requests[1].at - api.requests[0].at).toBeGreaterThanOrEqual(250);
	});
});
