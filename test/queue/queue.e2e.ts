/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, no-console -- never shipped (package.json "files" is dist/ only): development tooling that runs on Node.js, outside n8n, and needs Node globals (timers, process), Node built-ins, child processes, console output */
/**
 * npm run test:queue: the package in n8n's queue mode (n8n 2.x): a main instance and two
 * workers, each with its own user folder and the package installed there from the tarball, as
 * on separate machines; Redis carries the jobs, PostgreSQL holds the one shared database.
 * Everything asserted comes from the executions n8n saved and from the workers' own logs.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { IDataObject } from 'n8n-workflow';

import { EditorSession, type SavedExecution } from '../e2e/editor';
import { freePort, installN8n, N8N_LINES, n8nCli, n8nDir, packPackage, ROOT, startN8n, userFolderWithPackage } from '../e2e/n8nRuntime';
import type { AdminChange, RecordedRequest } from '../fake-api/server';
import { makePost, makeUser } from '../fake-api/server';
import { ensureServices, startPostgres, startRedis } from './services';

const line = N8N_LINES.find((candidate) => candidate.name === '2.x')!;
const CREDENTIAL = { id: 'pullbayQueueCred1', name: 'Pullbay (fake API)' };
const PULLBAY = 'Pullbay TikTok';
const TRIGGER = 'Pullbay TikTok Trigger';
const HANDLES_PER_CALL = 25;

const node = (name: string, type: string, typeVersion: number, parameters: IDataObject, x: number, extra: IDataObject = {}) => ({
	id: name.replace(/\W/g, '').toLowerCase(),
	name,
	type,
	typeVersion,
	position: [x, 0],
	parameters,
	...extra,
});
const pullbay = (parameters: IDataObject, x: number) =>
	node(PULLBAY, 'n8n-nodes-pullbay.pullbayTikTok', 1, parameters, x, { credentials: { pullbayApi: CREDENTIAL } });
const webhook = (path: string) =>
	node('Webhook', 'n8n-nodes-base.webhook', 2, { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} }, 0, { webhookId: `${path}-0000-4000-8000-000000000000` });
const chain = (...names: string[]) =>
	Object.fromEntries(names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]));

const WORKFLOWS = {
	/** POST {"handles": [...]} → one item per handle → User → Get. */
	users: {
		id: 'pullbayQueueUsers',
		name: 'Queue: users from a webhook',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			webhook('pullbay-users'),
			node('Split Out', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'body.handles', options: { destinationFieldName: 'handle' } }, 200),
			pullbay({ resource: 'user', operation: 'get', username: '={{ $json.handle }}' }, 400),
		],
		connections: chain('Webhook', 'Split Out', PULLBAY),
	},
	/** A slow pull: every post of user 1, page after page. */
	slow: {
		id: 'pullbayQueueSlow1',
		name: 'Queue: a slow Return All',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [webhook('pullbay-slow'), pullbay({ resource: 'user', operation: 'getPosts', userId: '1', returnAll: true }, 200)],
		connections: chain('Webhook', PULLBAY),
	},
	trigger: {
		id: 'pullbayQueueTrig1',
		name: 'Queue: new posts of a creator',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node(TRIGGER, 'n8n-nodes-pullbay.pullbayTikTokTrigger', 1, { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'newPostByUser', userId: '555' }, 0, {
				credentials: { pullbayApi: CREDENTIAL },
			}),
		],
		connections: {},
	},
};

const handles = (call: number) => Array.from({ length: HANDLES_PER_CALL }, (_, i) => `user${call}x${i}`);
const posts = (prefix: string, from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, i) => ({ ...makePost(`${prefix}${to - i}`), uploadedAt: 1714560000 + (to - i) * 60 }));
const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

const stops: Array<() => void> = [];
after(() => {
	for (const stop of stops.reverse()) stop();
});

let editor: EditorSession;
let fake: { change: (state: AdminChange) => Promise<void>; requests: () => Promise<RecordedRequest[]> };
const workers: Array<{ name: string; process: ChildProcess; log: string }> = [];
let mainUrl = '';
let mainStartedAt = 0;
let startWorker: (name: string) => Promise<void>;

before(async () => {
	ensureServices();
	await installN8n(line);
	const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
	stops.push(redis.stop, postgres.stop);

	const api = spawn(process.execPath, [join(ROOT, '.build', 'test', 'fake-api', 'cli.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
	stops.push(() => api.kill());
	const { baseUrl, apiKey } = JSON.parse(await new Promise<string>((resolve) => api.stdout!.once('data', (chunk) => resolve(String(chunk))))) as {
		baseUrl: string;
		apiKey: string;
	};
	const root = baseUrl.replace(/\/api$/, '');
	fake = {
		change: async (state) => {
			await fetch(`${root}/__admin/state`, { method: 'POST', body: JSON.stringify(state) });
		},
		requests: async () => (await (await fetch(`${root}/__admin/requests`)).json()) as RecordedRequest[],
	};
	await fake.change({
		pageSize: 5,
		data: {
			users: [1, 2, 3, 4, 5, 6, 7, 8].flatMap((call) => handles(call).map((handle, i) => makeUser(handle, `${call}${String(i).padStart(3, '0')}`))),
			userPosts: { '1': posts('slow', 1, 40), '555': posts('c', 1, 5) },
		},
	});

	// One database and one queue for all; each process has its own user folder with the package.
	const port = await freePort();
	mainUrl = `http://127.0.0.1:${port}`;
	const env = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'postgres',
		N8N_PORT: String(port),
		WEBHOOK_URL: `${mainUrl}/`,
		// A killed worker's job is noticed as stalled after this many ms (n8n's default is 30 s).
		QUEUE_WORKER_STALLED_INTERVAL: '10000',
		N8N_LOG_LEVEL: 'info',
	};
	const tarball = packPackage();
	const mainHome = userFolderWithPackage('queue-main', tarball);
	const files = join(mainHome, 'import');
	writeFileSync(`${files}-credentials.json`, JSON.stringify([{ ...CREDENTIAL, type: 'pullbayApi', data: { apiKey, baseUrl } }]));
	writeFileSync(`${files}-workflows.json`, JSON.stringify(Object.values(WORKFLOWS)));
	for (const args of [
		['import:credentials', `--input=${files}-credentials.json`],
		['import:workflow', `--input=${files}-workflows.json`],
		...Object.values(WORKFLOWS).map((workflow) => line.activate(workflow.id)),
	]) {
		const { status, output } = await n8nCli(line, mainHome, args, env);
		assert.equal(status, 0, output);
	}

	const main = await startN8n(line, mainHome, env, { stdio: 'ignore' });
	mainStartedAt = Date.now();
	stops.push(() => main.kill('SIGKILL'));
	const flatted = (await import(join(n8nDir(line), 'node_modules', 'flatted', 'cjs', 'index.js'))) as { parse: (text: string) => unknown };
	editor = new EditorSession(mainUrl, flatted.parse);
	await editor.waitUntilUp();
	await editor.setUpOwner();

	startWorker = async (name: string) => {
		const home = userFolderWithPackage(`queue-${name}`, tarball);
		const child = await startN8n(line, home, env, { stdio: ['ignore', 'pipe', 'pipe'] }, 'worker');
		const worker = { name, process: child, log: '' };
		child.stdout!.on('data', (chunk) => (worker.log += String(chunk)));
		child.stderr!.on('data', (chunk) => (worker.log += String(chunk)));
		workers.push(worker);
		stops.push(() => child.kill('SIGKILL'));
		for (let waited = 0; waited < 120 && !worker.log.includes('worker is now ready'); waited++) await sleep(1000);
		assert.match(worker.log, /worker is now ready/, `${name} did not start:\n${worker.log}`);
	};
	await Promise.all([startWorker('worker1'), startWorker('worker2')]);
});

/** Which worker logged that it started each execution. */
const ranOn = (executionId: string) =>
	workers.filter((worker) => worker.log.includes(`Worker started execution ${executionId} (job`)).map((worker) => worker.name);

async function finished(workflowId: string, count: number, timeoutMs = 120_000): Promise<SavedExecution[]> {
	for (const started = Date.now(); Date.now() - started < timeoutMs; await sleep(1000)) {
		const executions = await editor.executions(workflowId);
		if (executions.length >= count && executions.every((execution) => !['new', 'running', 'waiting'].includes(execution.status))) return executions;
	}
	throw new Error(`${workflowId}: ${count} executions did not finish`);
}

const output = (execution: SavedExecution, name = PULLBAY) =>
	(execution.run.resultData.runData[name]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);

test('8 webhook calls × 25 handles against a gateway allowing 5 in flight: every item, run on both workers', async () => {
	await fake.change({ latencyMs: 100, maxInFlight: 5 });
	const before = (await fake.requests()).length;
	await Promise.all(
		[1, 2, 3, 4, 5, 6, 7, 8].map(async (call) => {
			const response = await fetch(`${mainUrl}/webhook/pullbay-users`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ handles: handles(call) }),
			});
			assert.equal(response.status, 200);
		}),
	);

	const executions = await finished(WORKFLOWS.users.id, 8);
	await fake.change({ latencyMs: 0, maxInFlight: null });
	const requests = (await fake.requests()).slice(before);
	console.log(`users: ${executions.length} executions, ${requests.length} requests for 200 items`);

	assert.deepEqual(executions.map((execution) => execution.status), Array(8).fill('success'));
	const ids = executions.flatMap((execution) => output(execution).map((item) => item.id));
	assert.equal(ids.length, 200);
	assert.equal(new Set(ids).size, 200);
	const where = executions.map((execution) => ranOn(execution.id));
	assert.ok(where.every((names) => names.length === 1), `each execution ran on exactly one worker: ${JSON.stringify(where)}`);
	assert.deepEqual([...new Set(where.flat())].sort(), ['worker1', 'worker2']);
});

test('the activated trigger polls on main only, and emits each new post once', async () => {
	// A poll's first request has no cursor; its later pages do.
	const polls = async () =>
		(await fake.requests()).filter((request) => request.path === '/api/tiktok/user/555/posts' && !request.query.cursor).length;
	const before = await polls();
	await fake.change({ data: { userPosts: { '1': posts('slow', 1, 40), '555': posts('c', 1, 8) } } });
	for (let waited = 0; waited < 90 && (await polls()) === before; waited++) await sleep(1000);
	const executions = await finished(WORKFLOWS.trigger.id, 1);
	await sleep(3000);

	assert.equal((await polls()) - before, 1, 'one poll for this change');
	// Polled only by main: the activation poll, then one a minute (three processes would poll about three times as often).
	const minutes = (Date.now() - mainStartedAt) / 60_000;
	assert.ok((await polls()) <= Math.floor(minutes) + 2, `${await polls()} polls in ${minutes.toFixed(1)} minutes`);
	assert.deepEqual(
		(await editor.executions(WORKFLOWS.trigger.id)).map((execution) => output(execution, TRIGGER).map((item) => item.id)),
		[['c6', 'c7', 'c8']],
	);
	assert.equal(ranOn(executions[0].id).length, 1, 'the emitted execution ran on a worker');
});

test('a worker killed in the middle of an execution: the execution is not lost', async () => {
	await fake.change({ latencyMs: 700 });
	await fetch(`${mainUrl}/webhook/pullbay-slow`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
	let victim: (typeof workers)[number] | undefined;
	for (let waited = 0; waited < 60 && !victim; waited++) {
		const [running] = await editor.executions(WORKFLOWS.slow.id);
		if (running) victim = workers.find((worker) => ranOn(running.id).includes(worker.name));
		if (!victim) await sleep(500);
	}
	assert.ok(victim, 'the slow execution started on a worker');
	await sleep(2000);
	victim.process.kill('SIGKILL');
	console.log(`killed ${victim.name} in the middle of the slow pull`);

	const [execution] = await finished(WORKFLOWS.slow.id, 1, 180_000);
	await fake.change({ latencyMs: 0 });
	const message = execution.run.resultData.error?.message ?? '';
	console.log(`slow: status ${execution.status} (${message}), ${output(execution).length} items, ran on ${ranOn(execution.id).join(', ')}`);
	// n8n does not run it again on the other worker: it marks it failed, so it shows in the
	// executions list (and can be retried from there) instead of vanishing or staying "running".
	assert.equal(execution.status, 'error');
	assert.deepEqual(ranOn(execution.id), [victim.name]);
});
