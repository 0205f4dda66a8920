/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- never shipped (package.json "files" is dist/ only): development tooling that runs on Node.js, outside n8n, and needs Node globals (timers, process), Node built-ins and n8n-core, console output */
/**
 * npm run bench: requests per pull, overhead against a hand-written fetch loop, memory and
 * scaling, and a latency-bound pull, all against the local fake API on loopback.
 * Exits non-zero when any pull makes more requests than the minimum.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { OutboundHttp } from '@n8n/backend-network';
import { Container } from '@n8n/di';
import type { INodeParameters } from 'n8n-workflow';

import { executeNode } from '../test/engine/executeNode';
import { FakePullbayApi, makeComment, makePost, makeUser, many, TEST_API_KEY } from '../test/fake-api/server';

const api = new FakePullbayApi();
const nodeCoreVersion = (
	JSON.parse(readFileSync(require.resolve('n8n-core/package.json'), 'utf8')) as { version: string }
).version;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const REPETITIONS = 9;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function runNode(parameters: INodeParameters) {
	const { items, error } = await executeNode({
		parameters,
		credentials: { apiKey: TEST_API_KEY, baseUrl: api.baseUrl },
	});
	if (error) throw new Error(`Node failed: ${error.message}`);
	return items;
}

interface Page {
	data: unknown[];
	pagination?: { hasNextPage?: boolean; cursor?: string };
}

async function cursorLoop(getPage: (query: Record<string, string>) => Promise<Page>, query: Record<string, string>) {
	const results: unknown[] = [];
	let cursor: string | undefined;
	do {
		const body = await getPage({ ...query, ...(cursor ? { cursor } : {}) });
		results.push(...body.data);
		cursor = body.pagination?.hasNextPage ? body.pagination.cursor : undefined;
	} while (cursor);
	return results;
}

/** What a user would write without n8n: a cursor loop with fetch (keep-alive connections). */
const fetchLoop = async (path: string, query: Record<string, string>) =>
	await cursorLoop(async (pageQuery) => {
		const url = new URL(`${api.baseUrl}${path}`);
		for (const [key, value] of Object.entries(pageQuery)) url.searchParams.set(key, value);
		const response = await fetch(url, { headers: { authorization: `Bearer ${TEST_API_KEY}` } });
		return (await response.json()) as Page;
	}, query);

/** The same loop on n8n's own HTTP stack, which the HTTP Request node and every declarative node use. */
const n8nHttpLoop = async (path: string, query: Record<string, string>) =>
	await cursorLoop(
		async (pageQuery) =>
			(await Container.get(OutboundHttp)
				.requests()
				.request({
					method: 'GET',
					url: `${api.baseUrl}${path}`,
					qs: pageQuery,
					headers: { Authorization: `Bearer ${TEST_API_KEY}` },
					json: true,
				})) as Page,
		query,
	);

async function timed<T>(work: () => Promise<T>) {
	const started = performance.now();
	const result = await work();
	return { result, ms: performance.now() - started };
}

/** Peak heap above the starting point while `work` runs, sampled every 2 ms. */
async function peakHeap<T>(work: () => Promise<T>) {
	gc();
	const base = process.memoryUsage().heapUsed;
	let peak = base;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().heapUsed);
	}, 2);
	const { result, ms: elapsed } = await timed(work);
	peak = Math.max(peak, process.memoryUsage().heapUsed);
	clearInterval(sampler);
	return { result, ms: elapsed, peakBytes: peak - base };
}

interface CountCase {
	name: string;
	parameters: INodeParameters;
	expected: number;
}

async function requestCounts(report: string[]): Promise<boolean> {
	const postId = '7636131611674692894';
	const pageSize = 10;
	api.reset({
		userPosts: { '107955': many(450, 'u', (id) => makePost(id)) },
		search: { cats: many(450, 's', (id) => makePost(id)) },
		comments: { [postId]: many(950, 'c', (id) => makeComment(id, postId)) },
		replies: { [`${postId}/c1`]: many(950, 'r', (id) => makeComment(id, postId, 'c1')) },
	});
	const operations: Array<[string, INodeParameters, number, number]> = [
		['User → Get Posts', { resource: 'user', operation: 'getPosts', userId: '107955' }, 200, 450],
		['Post → Search', { resource: 'post', operation: 'search', keyword: 'cats' }, 200, 450],
		['Comment → Get Many', { resource: 'comment', operation: 'getAll', postId }, 500, 950],
		['Comment → Get Replies', { resource: 'comment', operation: 'getReplies', postId, commentId: 'c1' }, 500, 950],
	];
	const cases: CountCase[] = operations.flatMap(([name, parameters, cap, total]) => [
		{ name: `${name}, Return All (N=${total}, P=${pageSize})`, parameters: { ...parameters, returnAll: true }, expected: Math.ceil(total / pageSize) },
		{ name: `${name}, Limit ${cap} (= cap)`, parameters: { ...parameters, limit: cap }, expected: 1 },
		{ name: `${name}, Limit 7`, parameters: { ...parameters, limit: 7 }, expected: 1 },
		{ name: `${name}, Limit ${cap + 25} (> cap)`, parameters: { ...parameters, limit: cap + 25 }, expected: Math.ceil((cap + 25) / pageSize) },
	]);

	report.push('## 1. Requests per pull', '', '| Case | Expected (minimum) | Made | Items | OK |', '|---|---|---|---|---|');
	let ok = true;
	for (const testCase of cases) {
		api.requests = [];
		api.pageSize = pageSize;
		const items = await runNode(testCase.parameters);
		const made = api.requests.length;
		const pass = made <= testCase.expected;
		ok &&= pass;
		report.push(`| ${testCase.name} | ${testCase.expected} | ${made} | ${items.length} | ${pass ? 'yes' : '**NO**'} |`);
	}
	report.push('');
	return ok;
}

async function overhead(report: string[]) {
	api.reset({ userPosts: { '107955': many(10_000, 'p', (id) => makePost(id)) } });
	api.pageSize = 30;
	const path = '/tiktok/user/107955/posts';
	const contenders: Array<[string, () => Promise<unknown[]>]> = [
		['Node (WorkflowExecute → RoutingNode)', () => runNode({ resource: 'user', operation: 'getPosts', userId: '107955', returnAll: true })],
		['fetch loop', () => fetchLoop(path, {})],
		["Loop on n8n's HTTP stack (OutboundHttp)", () => n8nHttpLoop(path, {})],
	];
	const times = contenders.map(() => [] as number[]);
	for (const [, work] of contenders) await work();
	for (let repetition = 0; repetition < REPETITIONS; repetition++) {
		for (const [index, [, work]] of contenders.entries()) {
			gc();
			const { result, ms: elapsed } = await timed(work);
			if (result.length !== 10_000) throw new Error('Incomplete pull');
			times[index].push(elapsed);
		}
	}
	const [node, loop, n8nLoop] = times.map(median);
	const ratio = node / loop;
	report.push(
		'## 2. Overhead: node through n8n vs hand-written cursor loops',
		'',
		`10,000 posts, page size 30 (334 requests), ${REPETITIONS} interleaved repetitions after one warm-up each.`,
		'',
		'| | Median | All runs |',
		'|---|---|---|',
		...contenders.map(([name], index) => `| ${name} | ${ms(median(times[index]))} | ${times[index].map((v) => v.toFixed(0)).join(', ')} |`),
		`| Ratio node / fetch loop | **${ratio.toFixed(2)}×** (target ≤ 1.2×) | |`,
		`| Ratio node / loop on n8n's HTTP stack | **${(node / n8nLoop).toFixed(2)}×** | |`,
		'',
		`Of the node's ${ms(node - loop)} over the fetch loop, ${ms(n8nLoop - loop)} (${(((n8nLoop - loop) / (node - loop)) * 100).toFixed(0)}%) is n8n's HTTP stack itself, which every n8n node and the HTTP Request node use (a new connection per request, axios, SSRF checks); the rest is the engine's per-request routing and this node's paging.`,
		'',
	);
	return ratio;
}

async function scaling(report: string[]) {
	report.push(
		'## 3. Memory and scaling (Return All, page size 30)',
		'',
		'Peak heap above the baseline while the pull runs. "Beyond the items" subtracts the fetch loop\'s peak, which holds the same parsed items.',
		'',
		'| Items | Node time | Loop time | Node ms / 1k items | Node peak heap | Loop peak heap | Beyond the items, per item |',
		'|---|---|---|---|---|---|---|',
	);
	for (const count of [1_000, 10_000, 50_000]) {
		api.reset({ userPosts: { '1': many(count, 'p', (id) => makePost(id)) } });
		api.pageSize = 30;
		const viaNode = await peakHeap(() =>
			runNode({ resource: 'user', operation: 'getPosts', userId: '1', returnAll: true }),
		);
		const nodeCount = viaNode.result.length;
		viaNode.result.length = 0;
		const viaLoop = await peakHeap(() => fetchLoop('/tiktok/user/1/posts', {}));
		if (nodeCount !== count || viaLoop.result.length !== count) throw new Error('Incomplete pull');
		const perItem = (viaNode.peakBytes - viaLoop.peakBytes) / count;
		report.push(
			`| ${count.toLocaleString('en-US')} | ${ms(viaNode.ms)} | ${ms(viaLoop.ms)} | ${((viaNode.ms / count) * 1000).toFixed(1)} | ${(viaNode.peakBytes / 2 ** 20).toFixed(1)} MiB | ${(viaLoop.peakBytes / 2 ** 20).toFixed(1)} MiB | ${(perItem / 1024).toFixed(2)} KiB |`,
		);
	}
	report.push('');
}

async function latency(report: string[]) {
	api.reset({ search: { cats: many(300, 's', (id) => makePost(id)) } });
	api.pageSize = 30;
	api.latencyMs = 50;
	const viaNode = await timed(() => runNode({ resource: 'post', operation: 'search', keyword: 'cats', returnAll: true }));
	const viaLoop = await timed(() => fetchLoop('/tiktok/post/search', { keyword: 'cats' }));
	api.latencyMs = 0;
	report.push(
		'## 4. Latency-bound pull (50 ms per response, 10 pages)',
		'',
		'| | Wall time | Above 10 × 50 ms |',
		'|---|---|---|',
		`| Node | ${ms(viaNode.ms)} | ${ms(viaNode.ms - 500)} |`,
		`| fetch loop | ${ms(viaLoop.ms)} | ${ms(viaLoop.ms - 500)} |`,
		'',
	);
}

/**
 * One execution over `count` input items, against a fresh server (so a fresh gate) set up by
 * `setUp`, then `warmRuns` more against the same server, whose gate has learned from the first.
 */
async function manyItems(
	count: number,
	setUp: (server: FakePullbayApi) => void,
	parameters: INodeParameters,
	extra: INodeParameters = {},
	warmRuns = 0,
) {
	const server = new FakePullbayApi();
	await server.start();
	server.reset({
		users: Array.from({ length: count }, (_, i) => makeUser(`user${i}`, String(i + 1))),
		userPosts: Object.fromEntries(Array.from({ length: count }, (_, i) => [String(i + 1), many(6, `u${i}-`, (id) => makePost(id))])),
	});
	server.pageSize = 3;
	server.latencyMs = 100;
	setUp(server);
	try {
		const started = performance.now();
		const { items, error } = await executeNode({
			parameters: { ...parameters, ...extra },
			credentials: { apiKey: TEST_API_KEY, baseUrl: server.baseUrl },
			input: Array.from({ length: count }, (_, i) => ({ json: { handle: `user${i}`, id: String(i + 1) } })),
			onError: 'continueRegularOutput',
		});
		const wall = performance.now() - started;
		const failed = items.filter((item) => item.json.error !== undefined).length;
		if (error) throw new Error(`Node failed: ${error.message}`);
		const first = { wall, items: items.length - failed, failed, requests: server.requests.length, refused: server.rateLimited, peak: server.peakInFlight };
		const warm: number[] = [];
		for (let run = 0; run < warmRuns; run++) {
			const again = performance.now();
			await executeNode({
				parameters: { ...parameters, ...extra },
				credentials: { apiKey: TEST_API_KEY, baseUrl: server.baseUrl },
				input: Array.from({ length: count }, (_, i) => ({ json: { handle: `user${i}`, id: String(i + 1) } })),
			});
			warm.push(performance.now() - again);
		}
		return { ...first, warm };
	} finally {
		await server.stop();
	}
}

async function rateLimits(report: string[]) {
	const getUser = { resource: 'user', operation: 'get', username: '={{ $json.handle }}' };
	const getPosts = { resource: 'user', operation: 'getPosts', userId: '={{ $json.id }}', returnAll: true };
	const limit = (n: number) => (server: FakePullbayApi) => {
		server.maxInFlight = n;
	};
	const none = () => {};
	const cases: Array<[string, number, Parameters<typeof manyItems>[1], INodeParameters, number, number, INodeParameters?]> = [
		['100 × User → Get, no server limit', 100, none, getUser, 100, 100],
		['100 × User → Get, 5 in flight allowed', 100, limit(5), getUser, 100, (100 * 100) / 5],
		['100 × User → Get, 1 in flight allowed', 100, limit(1), getUser, 100, 100 * 100],
		['30 × Get Posts, Return All (2 pages each), 5 in flight allowed', 30, limit(5), getPosts, 180, (60 * 100) / 5],
		[
			'100 × User → Get, 5 in flight allowed, Request Options → Batching 5 items / 1000 ms',
			100,
			limit(5),
			getUser,
			100,
			(100 * 100) / 5,
			{ requestOptions: { batching: { batch: { batchSize: 5, batchInterval: 1000 } } } },
		],
	];
	report.push(
		'## 5. Many input items, latency-bound (100 ms per accepted request; beyond the limit an immediate 429 with Retry-After: 1)',
		'',
		'Each row is one execution against a fresh server, so the node starts with a fresh gate (8 in flight). "Ideal" is the latency alone at the allowed concurrency.',
		'',
		'| Case | Items (expected) | Failed items | Requests | Refused (429) | Peak in flight | Wall time | Ideal |',
		'|---|---|---|---|---|---|---|---|',
	);
	for (const [name, count, setUp, parameters, expected, ideal, extra] of cases) {
		const result = await manyItems(count, setUp, parameters, extra);
		report.push(
			`| ${name} | ${result.items} (${expected}) | ${result.failed} | ${result.requests} | ${result.refused} | ${result.peak} | ${ms(result.wall)} | ${ms(ideal)} |`,
		);
	}
	const cold: number[] = [];
	for (let i = 0; i < 5; i++) cold.push((await manyItems(100, none, getUser)).wall);
	const { warm } = await manyItems(100, none, getUser, {}, 6);
	const list = (values: number[]) => values.map((value) => value.toFixed(0)).join(', ');
	report.push(
		'',
		'100 × User → Get without a server limit:',
		'',
		`- fresh gate (the first execution for a key in an n8n process), 5 runs: median ${ms(median(cold))} (${list(cold)} ms);`,
		`- gate already open (every later execution in that process), 6 runs after one fresh: median ${ms(median(warm))} (${list(warm)} ms).`,
		'',
	);
}

async function main() {
	await api.start();
	const report = [
		'# Benchmark results',
		'',
		`${new Date().toISOString().slice(0, 10)} · Node ${process.version} · ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}) · n8n-core ${nodeCoreVersion}`,
		'',
	];
	try {
		const countsOk = await requestCounts(report);
		const ratio = await overhead(report);
		await scaling(report);
		await latency(report);
		await rateLimits(report);
		const text = report.join('\n');
		console.log(text);
		writeFileSync(join(__dirname, '..', '..', 'bench', 'results.md'), `${text}\n`);
		if (!countsOk) {
			console.error('FAIL: a pull made more requests than the minimum');
			process.exitCode = 1;
		}
		if (ratio > 1.2) console.warn(`Overhead ratio ${ratio.toFixed(2)}× is above the 1.2× target`);
	} finally {
		await api.stop();
	}
}

void main();
