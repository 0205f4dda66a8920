/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- never shipped (package.json "files" is dist/ only): development tooling that runs on Node.js, outside n8n, and needs child processes, Node globals (timers, process), Node built-ins and n8n-core */
/**
 * The trigger polling for real: `n8n start` with activated workflows on the shortest schedule
 * n8n accepts (every minute), the fake API's data changed between polls, and every assertion
 * read from the executions n8n saved. Both n8n lines run side by side (about 12 minutes: a
 * burst of 200 posts takes several polls).
 * Run one line with E2E_LINES=1.x or E2E_LINES=2.x.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { AdminChange, RecordedRequest } from '../fake-api/server';
import { makeComment, makePost, makeUser } from '../fake-api/server';
import { EditorSession, type SavedExecution } from './editor';
import { freePort, installN8n, N8N_LINES, n8nCli, n8nDir, packPackage, ROOT, startN8n, userFolderWithPackage } from './n8nRuntime';

const CREDENTIAL = { id: 'pullbayTrigCred01', name: 'Pullbay (fake API)' };
const EVERY_MINUTE = { item: [{ mode: 'everyMinute' }] };
const POST_ID = '7636131611674692894';
const T0 = 1714560000;

const post = (id: string, secondsAfterT0: number, views = 750000) => ({ ...makePost(id), uploadedAt: T0 + secondsAfterT0, views });
const comment = (id: string, minute: number) => ({
	...makeComment(id, POST_ID),
	createdAt: new Date((T0 + minute * 60) * 1000).toISOString(),
});
/** Newest first, as a profile lists them. */
const posts = (prefix: string, from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, i) => post(`${prefix}${to - i}`, (to - i) * 3600));
const pinned = [post('pin1', -300 * 86400), post('pin2', -200 * 86400), post('pin3', -100 * 86400)];

const WATCHERS: Record<string, { id: string; parameters: INodeParameters }> = {
	creator: { id: 'e2eTrigCreator01', parameters: { event: 'newPostByUser', userId: '@creator' } },
	search: { id: 'e2eTrigSearch001', parameters: { event: 'newPostMatchingSearch', keyword: 'cats' } },
	comments: { id: 'e2eTrigComment01', parameters: { event: 'newCommentOnPost', postId: POST_ID } },
	burst: { id: 'e2eTrigBurst0001', parameters: { event: 'newPostByUser', userId: '777' } },
	oddTime: { id: 'e2eTrigOddTime01', parameters: { event: 'newPostByUser', userId: '888' } },
};
/** TikTok's profile pages hold about 30 posts; the burst's profile is served so. */
const BURST_FEED = '/api/tiktok/user/777/posts';
const BURST = 200;
const TRIGGER_NODE = 'Pullbay TikTok Trigger';
const TREND_ALERT_ID = 'pullbayExample001';
const SLACK_STAND_IN = 'Post to Slack (stand-in)';

function watcher(id: string, parameters: INodeParameters) {
	return {
		id,
		name: `Pullbay trigger e2e ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'trigger',
				name: TRIGGER_NODE,
				type: 'n8n-nodes-pullbay.pullbayTikTokTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes: EVERY_MINUTE, ...parameters },
				credentials: { pullbayApi: CREDENTIAL },
			},
		],
		connections: {},
	};
}

/** examples/hourly-trend-alert.json, polling every minute, with its Slack step replaced by a Set node that needs no account. */
function trendAlert() {
	const example = JSON.parse(readFileSync(join(ROOT, 'examples', 'hourly-trend-alert.json'), 'utf8')) as {
		id: string;
		nodes: Array<{ name: string; type: string; typeVersion: number; parameters: IDataObject; credentials?: unknown; position: number[] }>;
		connections: Record<string, { main: Array<Array<{ node: string }>> }>;
	};
	const slack = example.nodes.find((node) => node.type === 'n8n-nodes-base.slack')!;
	const nodes = example.nodes.map((node) => {
		if (node.type === 'n8n-nodes-pullbay.pullbayTikTokTrigger') {
			return { ...node, parameters: { ...node.parameters, pollTimes: EVERY_MINUTE }, credentials: { pullbayApi: CREDENTIAL } };
		}
		if (node !== slack) return node;
		return {
			...node,
			name: SLACK_STAND_IN,
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: {
				assignments: { assignments: [{ id: 'text', name: 'text', type: 'string', value: slack.parameters.text }] },
				options: {},
			},
		};
	});
	const connections = JSON.parse(JSON.stringify(example.connections).split(`"${slack.name}"`).join(`"${SLACK_STAND_IN}"`));
	return { ...example, nodes, connections, active: false };
}

const wanted = process.env.E2E_LINES?.split(',');
const lines = N8N_LINES.filter((candidate) => !wanted || wanted.includes(candidate.name));
let tarball = '';

before(async () => {
	tarball = packPackage();
	await Promise.all(lines.map(installN8n));
});

/** A fake API of its own for one line, since the test changes its data. */
async function startFakeApi() {
	const child = spawn(process.execPath, [join(ROOT, '.build', 'test', 'fake-api', 'cli.js')], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const started = await new Promise<string>((resolve) => child.stdout!.once('data', (chunk) => resolve(String(chunk))));
	const { baseUrl, apiKey } = JSON.parse(started) as { baseUrl: string; apiKey: string };
	const root = baseUrl.replace(/\/api$/, '');
	const change = async (state: AdminChange) => {
		await fetch(`${root}/__admin/state`, { method: 'POST', body: JSON.stringify(state) });
	};
	const requests = async () => (await (await fetch(`${root}/__admin/requests`)).json()) as RecordedRequest[];
	return { child, baseUrl, apiKey, change, requests };
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** Emitted IDs per saved execution of a workflow, oldest execution first. */
function emitted(executions: SavedExecution[], node = TRIGGER_NODE) {
	return executions
		.filter((execution) => execution.status === 'success')
		.map((execution) => (execution.run.resultData.runData[node]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json))
		.reverse();
}

describe('Pullbay TikTok Trigger polling in a running n8n', { concurrency: true }, () => {
	for (const line of lines) {
		test(`n8n ${line.version} (${line.name} line): each new post once, through pinned posts, an outage and a restart`, { timeout: 30 * 60_000 }, async (t) => {
			const api = await startFakeApi();
			let n8n: ChildProcess | undefined;
			t.after(() => {
				n8n?.kill('SIGKILL');
				api.child.kill();
			});

			await api.change({
				pageSize: 5,
				pageSizeOf: { [BURST_FEED]: 30 },
				data: {
					users: [makeUser('creator', '555')],
					userPosts: { '555': [...pinned, ...posts('r', 1, 10)], '777': posts('b', 1, 5), '888': posts('o', 1, 5) },
					search: {
						cats: posts('s', 1, 8),
						'cooking hacks': [post('ch1', 100), post('ch2', 50)],
					},
					comments: { [POST_ID]: [comment('c1', 1), comment('c2', 2), comment('c3', 3)] },
				},
			});

			const home = userFolderWithPackage(`trigger-${line.name}`, tarball);
			const files = join(home, 'import');
			writeFileSync(`${files}-credentials.json`, JSON.stringify([{ ...CREDENTIAL, type: 'pullbayApi', data: { apiKey: api.apiKey, baseUrl: api.baseUrl } }]));
			const workflows = [...Object.values(WATCHERS).map(({ id, parameters }) => watcher(id, parameters)), trendAlert()];
			writeFileSync(`${files}-workflows.json`, JSON.stringify(workflows));
			for (const args of [
				['import:credentials', `--input=${files}-credentials.json`],
				['import:workflow', `--input=${files}-workflows.json`],
				...workflows.map((workflow) => line.activate(workflow.id)),
			]) {
				const { status, output } = await n8nCli(line, home, args);
				assert.equal(status, 0, output);
			}

			const port = await freePort();
			t.diagnostic(`n8n ${line.version} on port ${port}`);
			const flatted = (await import(join(n8nDir(line), 'node_modules', 'flatted', 'cjs', 'index.js'))) as { parse: (text: string) => unknown };
			const editor = new EditorSession(`http://127.0.0.1:${port}`, flatted.parse);
			const start = async () => {
				n8n = await startN8n(line, home, { N8N_PORT: String(port) }, { stdio: 'ignore' });
				await editor.waitUntilUp();
			};
			const executions = async (id: string) => await editor.executions(id);
			/** A feed is a path, and for search its keyword: `path?keyword`. */
			const feedOf = (request: RecordedRequest) => `${request.path}${request.query.keyword ? `?${request.query.keyword}` : ''}`;
			const pollsOf = async (feed: string) => (await api.requests()).filter((request) => feedOf(request) === feed).length;
			/** Waits until every feed has been polled once more than `before`, and n8n has saved what followed. */
			const nextPoll = async (before: Record<string, number>) => {
				for (let waited = 0; waited < 150; waited++) {
					const now = await Promise.all(Object.keys(before).map(pollsOf));
					if (now.every((count, i) => count > Object.values(before)[i])) break;
					await sleep(1000);
				}
				await sleep(5000);
			};
			const FEEDS = [
				'/api/tiktok/user/555/posts',
				'/api/tiktok/post/search?cats',
				'/api/tiktok/post/search?cooking hacks',
				`/api/tiktok/post/${POST_ID}/comments`,
				BURST_FEED,
				'/api/tiktok/user/888/posts',
			];
			const counts = async () => Object.fromEntries(await Promise.all(FEEDS.map(async (path) => [path, await pollsOf(path)])));

			// Activation records what exists and emits nothing.
			await start();
			await editor.setUpOwner();
			await nextPoll(Object.fromEntries(FEEDS.map((path) => [path, 0])));
			for (const id of [...Object.values(WATCHERS).map((w) => w.id), TREND_ALERT_ID]) {
				assert.deepEqual(await executions(id), [], `activation of ${id} emitted something`);
			}

			// New results: 8 posts below 3 pinned ones, a search hit at rank 7 while an old post climbs to rank 1,
			// 2 comments, and for the trend alert one post over 100k views and one under; a burst of 200 posts
			// (a week's worth, or a trigger that was off), and two posts with odd times (milliseconds, 3 days ahead).
			const ranked = posts('s', 1, 8);
			ranked.splice(6, 0, post('s-new', 20 * 3600));
			await api.change({
				data: {
					users: [makeUser('creator', '555')],
					userPosts: {
						'555': [...pinned, ...posts('r', 1, 18)],
						'777': posts('b', 1, 5 + BURST),
						'888': [{ ...post('o-ahead', 0), uploadedAt: Math.floor(Date.now() / 1000) + 3 * 86400 }, { ...post('o-ms', 0), uploadedAt: (T0 + 7 * 3600) * 1000 }, ...posts('o', 1, 5)],
					},
					search: {
						cats: [ranked.pop()!, ...ranked],
						'cooking hacks': [post('ch4', 400, 50000), post('ch3', 300, 250000), post('ch1', 100), post('ch2', 50)],
					},
					comments: { [POST_ID]: [comment('c5', 5), comment('c1', 1), comment('c4', 4), comment('c2', 2), comment('c3', 3)] },
				},
			});
			await nextPoll(await counts());

			// An outage: polls fail, nothing is lost; then it ends.
			const oddTimes = [{ ...post('o-ahead', 0), uploadedAt: Math.floor(Date.now() / 1000) + 3 * 86400 }, { ...post('o-ms', 0), uploadedAt: (T0 + 7 * 3600) * 1000 }];
			// Ordinary posts after the odd ones: their times are below the one 3 days ahead.
			await api.change({
				outage: true,
				data: {
					userPosts: {
						'555': [...pinned, ...posts('r', 1, 20)],
						'777': posts('b', 1, 5 + BURST),
						'888': [post('o9', 9 * 3600), post('o8', 8 * 3600), ...oddTimes, ...posts('o', 1, 5)],
					},
				},
			});
			await nextPoll(await counts());
			await api.change({ outage: false });
			await nextPoll(await counts());

			// A restart, with a post published while n8n was down.
			n8n!.kill('SIGTERM');
			await new Promise((resolve) => n8n!.once('exit', resolve));
			await api.change({
				data: {
					userPosts: {
						'555': [...pinned, ...posts('r', 1, 21)],
						'777': posts('b', 1, 5 + BURST),
						'888': [post('o9', 9 * 3600), post('o8', 8 * 3600), ...oddTimes, ...posts('o', 1, 5)],
					},
				},
			});
			await start();
			await nextPoll(await counts());

			const creator = emitted(await executions(WATCHERS.creator.id));
			assert.deepEqual(
				creator.map((items) => items.map((item) => item.id)),
				[['r11', 'r12', 'r13', 'r14', 'r15', 'r16', 'r17', 'r18'], ['r19', 'r20'], ['r21']],
			);
			const search = emitted(await executions(WATCHERS.search.id));
			assert.deepEqual(search.flat().map((item) => item.id), ['s-new']);
			const comments = emitted(await executions(WATCHERS.comments.id));
			assert.deepEqual(comments.flat().map((item) => item.id), ['c4', 'c5']);

			const creatorRuns = await executions(WATCHERS.creator.id);
			assert.ok(
				creatorRuns.some((execution) => execution.status === 'error'),
				'the outage shows as failed trigger executions',
			);

			// The burst: polls go on until all of it is out (README: 9 polls for 200 posts at 30 a page).
			const burstIds = async () => emitted(await executions(WATCHERS.burst.id)).map((items) => items.map((item) => String(item.id)));
			for (let poll = 0; poll < 20 && (await burstIds()).flat().length < BURST; poll++) {
				await nextPoll({ [BURST_FEED]: await pollsOf(BURST_FEED) });
			}
			const burst = await burstIds();
			t.diagnostic(`burst of ${BURST}: ${burst.length} executions of ${burst.map((ids) => ids.length).join(', ')} posts; ${await pollsOf(BURST_FEED)} requests`);
			assert.deepEqual(
				burst.flat().sort(),
				Array.from({ length: BURST }, (_, i) => `b${i + 6}`).sort(),
				'every post of the burst exactly once',
			);
			assert.ok(burst.length > 1, 'the burst is delivered over several polls');

			const odd = emitted(await executions(WATCHERS.oddTime.id)).flat().map((item) => item.id);
			assert.deepEqual(odd, ['o-ms', 'o-ahead', 'o8', 'o9'], 'posts after odd times are emitted');

			const alerts = emitted(await executions(TREND_ALERT_ID), SLACK_STAND_IN);
			assert.deepEqual(alerts.flat().map((item) => item.text), [
				`Trending: Post ch3 by @tiktok (250000 views)\nhttps://www.tiktok.com/@tiktok/video/ch3`,
			]);
		});
	}
});

