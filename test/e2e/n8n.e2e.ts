/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- never shipped (package.json "files" is dist/ only): development tooling that runs on Node.js, outside n8n, and needs child processes, Node globals (timers, process), Node built-ins and n8n-core */
/**
 * npm run test:e2e: the packed package inside real n8n (each line in N8N_LINES), driven by
 * the n8n CLI: credentials imported (n8n encrypts them), workflows imported and executed
 * against the fake Pullbay API running as its own process.
 * Run only some lines with E2E_LINES=1.x or E2E_LINES=2.x.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { IDataObject, INodeParameters, IRun } from 'n8n-workflow';

import { SEED_POST_ID } from '../fake-api/seed';
import type { AdminChange, RecordedRequest } from '../fake-api/server';
import { EditorSession } from './editor';
import { freePort, installN8n, N8N_LINES, n8nCli, packPackage, ROOT, userFolderWithPackage } from './n8nRuntime';

const CREDENTIAL = { id: 'pullbayE2eCred01', name: 'Pullbay (fake API)' };
/** A post the seeded fake API serves: the first result of the "cooking hacks" search. */
const SEARCH_POST_ID = '800001';

interface Case {
	id: string;
	parameters: INodeParameters;
	onError?: string;
	/** A Pullbay TikTok node before the one under test, whose items it gets. */
	before?: INodeParameters;
}

const CASES: Record<string, Case> = {
	userGet: { id: 'e2eUserGet000001', parameters: { resource: 'user', operation: 'get', username: '@tiktok' } },
	postsAll: {
		id: 'e2ePostsAll00001',
		parameters: { resource: 'user', operation: 'getPosts', userId: '107955', returnAll: true },
	},
	searchLimit: {
		id: 'e2eSearchLimit01',
		parameters: { resource: 'post', operation: 'search', keyword: 'cooking hacks', limit: 10, options: { region: 'US' } },
	},
	commentsOverCap: {
		id: 'e2eCommentsCap01',
		parameters: { resource: 'comment', operation: 'getAll', postId: SEED_POST_ID, limit: 510 },
	},
	hashtagSimple: {
		id: 'e2eHashtagSimple',
		parameters: { resource: 'hashtag', operation: 'get', hashtagName: '#fyp', simplify: true },
	},
	postByLinkSelected: {
		id: 'e2ePostLinkSel01',
		parameters: {
			resource: 'post',
			operation: 'get',
			postId: { __rl: true, mode: 'url', value: `https://m.tiktok.com/v/${SEARCH_POST_ID}.html` },
			simplify: 'selectedFields',
			fields: ['views'],
		},
	},
	postsByUsername: {
		id: 'e2ePostsByName01',
		parameters: {
			resource: 'user',
			operation: 'getPosts',
			userId: { __rl: true, mode: 'username', value: '@tiktok' },
			limit: 2,
		},
	},
	notFound: {
		id: 'e2eNotFound00001',
		parameters: { resource: 'user', operation: 'get', username: 'nobody' },
		onError: 'continueRegularOutput',
	},
	hundredPosts: {
		id: 'e2eHundredPosts1',
		before: { resource: 'user', operation: 'getPosts', userId: '107955', limit: 100 },
		parameters: { resource: 'post', operation: 'get', postId: '={{ $json.id }}' },
	},
};

function workflow({ id, parameters, onError, before }: Case) {
	const first = before ? 'Posts' : 'Pullbay TikTok';
	return {
		id,
		name: `Pullbay e2e ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'trigger',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'pullbay',
				name: 'Pullbay TikTok',
				type: 'n8n-nodes-pullbay.pullbayTikTok',
				typeVersion: 1,
				position: [220, 0],
				parameters,
				credentials: { pullbayApi: CREDENTIAL },
				...(onError ? { onError } : {}),
			},
			...(before
				? [
						{
							id: 'posts',
							name: 'Posts',
							type: 'n8n-nodes-pullbay.pullbayTikTok',
							typeVersion: 1,
							position: [110, 0],
							parameters: before,
							credentials: { pullbayApi: CREDENTIAL },
						},
					]
				: []),
		],
		connections: {
			Start: { main: [[{ node: first, type: 'main', index: 0 }]] },
			...(before ? { Posts: { main: [[{ node: 'Pullbay TikTok', type: 'main', index: 0 }]] } } : {}),
		},
	};
}

const wanted = process.env.E2E_LINES?.split(',');
const lines = N8N_LINES.filter((candidate) => !wanted || wanted.includes(candidate.name));

let fakeApi: ChildProcess;
let baseUrl = '';
let apiKey = '';
let tarball = '';

const admin = async (method: 'GET' | 'DELETE') =>
	(await (await fetch(`${baseUrl.replace(/\/api$/, '')}/__admin/requests`, { method })).json()) as RecordedRequest[];

const changeApi = async (change: AdminChange) =>
	await fetch(`${baseUrl.replace(/\/api$/, '')}/__admin/state`, { method: 'POST', body: JSON.stringify(change) });

before(async () => {
	fakeApi = spawn(process.execPath, [join(ROOT, '.build', 'test', 'fake-api', 'cli.js')], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const started = await new Promise<string>((resolve) => fakeApi.stdout!.once('data', (chunk) => resolve(String(chunk))));
	({ baseUrl, apiKey } = JSON.parse(started) as { baseUrl: string; apiKey: string });
	tarball = packPackage();
	// The installs are mostly downloads: side by side they take little longer than one.
	await Promise.all(lines.map(installN8n));
});

after(() => {
	fakeApi?.kill();
});

for (const line of lines) {
	describe(`n8n ${line.version} (${line.name} line)`, () => {
		let home = '';

		before(async () => {
			home = userFolderWithPackage(line.name, tarball);
			const files = join(home, 'import');
			writeFileSync(`${files}-credentials.json`, JSON.stringify([
				{ ...CREDENTIAL, type: 'pullbayApi', data: { apiKey, baseUrl } },
			]));
			writeFileSync(`${files}-workflows.json`, JSON.stringify(Object.values(CASES).map(workflow)));
			for (const [command, file] of [['import:credentials', 'credentials'], ['import:workflow', 'workflows']]) {
				const { status, output } = await n8nCli(line, home, [command, `--input=${files}-${file}.json`]);
				assert.equal(status, 0, output);
			}
		});

		/** Executes a case's workflow with `n8n execute` and returns the Pullbay node's run. */
		async function execute(name: keyof typeof CASES) {
			await admin('DELETE');
			const { output } = await n8nCli(line, home, ['execute', `--id=${CASES[name].id}`, '--rawOutput']);
			const json = output.slice(output.search(/^\{/m), output.lastIndexOf('\n}') + 2);
			const run = JSON.parse(json) as IRun;
			const task = run.data.resultData.runData['Pullbay TikTok']?.[0];
			assert.ok(task, `The Pullbay TikTok node did not run:\n${output.slice(-3000)}`);
			const items = (task.data?.main?.[0] ?? []).map((item) => item.json);
			return { run, items, requests: await admin('GET') };
		}

		test('the package loads from its tarball and User → Get runs with the stored credential', async () => {
			const { items, requests } = await execute('userGet');

			assert.deepEqual(items.map((item) => item.id), ['107955']);
			assert.deepEqual(requests.map((request) => request.path), ['/api/tiktok/user/handle/tiktok']);
			assert.equal(requests[0].headers.authorization, `Bearer ${apiKey}`);
		});

		test('User → Get Posts with Return All follows the cursor across pages', async () => {
			const { items, requests } = await execute('postsAll');

			assert.equal(items.length, 250);
			assert.equal(new Set(items.map((item) => item.id)).size, 250);
			assert.deepEqual(requests.map((request) => request.query.cursor ?? null), [null, 'c100', 'c200']);
		});

		test('Post → Search with a Limit within the cap makes one request with maxItems', async () => {
			const { items, requests } = await execute('searchLimit');

			assert.equal(items.length, 10);
			assert.deepEqual(requests.map((request) => request.query), [
				{ keyword: 'cooking hacks', region: 'US', maxItems: '10' },
			]);
		});

		test('Comment → Get Many with a Limit above the cap pages and trims', async () => {
			const { items, requests } = await execute('commentsOverCap');

			assert.equal(items.length, 510);
			assert.equal(requests.length, 6);
			assert.ok(requests.every((request) => request.query.maxItems === undefined));
		});

		test('npm run dev serves the editor with both nodes in the node panel, the examples load, and the credential test works', async (t) => {
			const port = String(await freePort());
			t.diagnostic(`npm run dev on port ${port}`);
			// npm run dev keeps its user folder between runs; this test starts from an empty one.
			const devHome = userFolderWithPackage(`e2e-dev-${line.name}`, tarball);
			const imported = await n8nCli(line, devHome, ['import:workflow', '--separate', `--input=${join(ROOT, 'examples')}`]);
			assert.equal(imported.status, 0, imported.output);
			const dev = spawn(process.execPath, [join(ROOT, '.build', 'scripts', 'dev.js')], {
				env: { ...process.env, N8N_LINE: line.name, N8N_PORT: port, N8N_DEV_FOLDER: `e2e-dev-${line.name}` },
				stdio: 'ignore',
				detached: true,
			});
			t.after(() => process.kill(-dev.pid!, 'SIGTERM'));
			const editor = new EditorSession(`http://127.0.0.1:${port}`);
			await editor.waitUntilUp();
			await editor.setUpOwner();

			const nodeTypes = (await editor.get('/types/nodes.json')) as Array<{ name: string }>;
			const ours = nodeTypes.map((type) => type.name).filter((name) => name.startsWith('n8n-nodes-pullbay.'));
			assert.deepEqual(ours.sort(), [
				'n8n-nodes-pullbay.pullbayTikTok',
				'n8n-nodes-pullbay.pullbayTikTokTool',
				'n8n-nodes-pullbay.pullbayTikTokTrigger',
			]);

			const versions = new Map<string, number[]>();
			for (const type of nodeTypes as Array<{ name: string; version: number | number[] }>) {
				versions.set(type.name, [...(versions.get(type.name) ?? []), ...[type.version].flat()]);
			}
			for (const file of readdirSync(join(ROOT, 'examples'))) {
				const { id } = JSON.parse(readFileSync(join(ROOT, 'examples', file), 'utf8')) as { id: string };
				const example = (await editor.get(`/rest/workflows/${id}`)) as { nodes: Array<{ type: string; typeVersion: number }> };
				const unresolved = example.nodes.filter((node) => !versions.get(node.type)?.includes(node.typeVersion));
				assert.deepEqual(unresolved, [], `examples/${file} has node types this n8n does not know`);
				assert.ok(example.nodes.some((node) => node.type.startsWith('n8n-nodes-pullbay.')));
			}

			await admin('DELETE');
			assert.deepEqual(await editor.testCredential({ apiKey, baseUrl }), { status: 'OK', message: 'Connection successful!' });
			assert.deepEqual(await editor.testCredential({ apiKey: 'wrong', baseUrl }), {
				status: 'Error',
				message: 'Pullbay did not accept this API key: copy it again from the Pullbay dashboard',
			});
			// One request per test, the wrong key included.
			const requests = await admin('GET');
			assert.equal(requests.length, 2);
			assert.ok(requests.every((request) => request.path === '/api/tiktok/hashtag/handle/fyp'));
		});

		test('Hashtag → Get with Simplify normalizes the name and returns the simple shape', async () => {
			const { items, requests } = await execute('hashtagSimple');

			assert.deepEqual(items, [{ id: '12345', name: 'fyp', views: 1234567890 }]);
			assert.deepEqual(requests.map((request) => request.path), ['/api/tiktok/hashtag/handle/fyp']);
		});

		test('Post chosen By URL (an m.tiktok.com link) with Output → Selected Fields returns the ID and the field picked', async () => {
			const { items, requests } = await execute('postByLinkSelected');

			assert.deepEqual(items.map((item) => Object.keys(item)), [['id', 'views']]);
			assert.equal(items[0].id, SEARCH_POST_ID);
			assert.deepEqual(requests.map((request) => request.path), [`/api/tiktok/post/${SEARCH_POST_ID}`]);
		});

		test('User chosen By Username is looked up once, then its posts are read by ID', async () => {
			const { items, requests } = await execute('postsByUsername');

			assert.equal(items.length, 2);
			assert.deepEqual(requests.map((request) => request.path), ['/api/tiktok/user/handle/tiktok', '/api/tiktok/user/107955/posts']);
		});

		test('100 items against a gateway that allows 5 requests in flight: all 100 arrive, in order', async (t) => {
			await changeApi({ maxInFlight: 5, latencyMs: 100 });
			t.after(async () => await changeApi({ maxInFlight: null, latencyMs: 0 }));

			const { run, items, requests } = await execute('hundredPosts');

			assert.equal(run.status, 'success');
			const postIds = requests.filter((request) => /\/post\/\d+$/.test(request.path));
			const refused = postIds.length - 100;
			t.diagnostic(`${postIds.length} Post → Get requests, ${refused} refused with 429`);
			assert.equal(items.length, 100);
			assert.deepEqual(
				items.map((item) => item.id),
				Array.from({ length: 100 }, (_, i) => `76361316116746${i + 1}`),
			);
			// A fresh key opens 20 wide: at most 15 refused, once; the rest paced to 5 in flight.
			assert.ok(postIds.length <= 120, `${postIds.length} requests`);
		});

		test('a 404 with Continue On Fail becomes an error item and the workflow succeeds', async () => {
			const { run, items } = await execute('notFound');

			assert.equal(run.status, 'success');
			assert.equal(items.length, 1);
			assert.match(String((items[0] as IDataObject).error), /^The TikTok user @nobody was not found/);
		});
	});
}
