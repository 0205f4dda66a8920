/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, no-console -- never shipped (package.json "files" is dist/ only): development tooling that runs on Node.js, outside n8n, and needs Node globals (timers, process), Node built-ins, child processes, console output */
/**
 * npm run screenshots: the pictures in the README, taken from a real n8n in a real browser.
 *
 * Starts n8n (N8N_LINE, 2.x by default) the way `npm run dev` does, with the packed package, a
 * credential pointing at the local fake API and the example workflows imported, then drives
 * Debian's Chromium (`apt-get install chromium`; installed here when missing and run as root)
 * through playwright-core and writes PNGs under docs/.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';

import { EditorSession } from '../test/e2e/editor';
import { freePort, N8N_LINES, n8nCli, packPackage, ROOT, startN8n, userFolderWithPackage } from '../test/e2e/n8nRuntime';

const CHROMIUM = '/usr/bin/chromium';
const CREDENTIAL = { id: 'pullbayShotsCred1', name: 'Pullbay account' };
const DEMO_ID = 'pullbayShotsDemo1';
const NOT_FOUND_ID = 'pullbayShotsDemo2';
const SHORT_LINK_ID = 'pullbayShotsDemo3';
const OWNER = { email: 'e2e@example.com', password: 'Pullbay-e2e-1' };

function ensureChromium() {
	if (existsSync(CHROMIUM)) return;
	if (process.getuid?.() !== 0) throw new Error(`Chromium not found at ${CHROMIUM}: run "sudo apt-get install chromium"`);
	console.log('Installing Debian chromium (once)');
	execFileSync('apt-get', ['update'], { stdio: 'inherit' });
	execFileSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** A workflow with the node ready to run: User → Get Posts for tiktok (By Username), Limit 5, Output → Selected Fields. */
const demoWorkflow = {
	id: DEMO_ID,
	name: 'Pullbay TikTok: latest posts of a creator',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		{ id: 'start', name: 'When clicking ‘Execute workflow’', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'pullbay',
			name: 'Pullbay TikTok',
			type: 'n8n-nodes-pullbay.pullbayTikTok',
			typeVersion: 1,
			position: [240, 0],
			parameters: {
				resource: 'user',
				operation: 'getPosts',
				userId: { __rl: true, mode: 'username', value: 'tiktok' },
				limit: 5,
				simplify: 'selectedFields',
				fields: ['title', 'views', 'likes', 'postPage'],
			},
			credentials: { pullbayApi: CREDENTIAL },
		},
	],
	connections: { 'When clicking ‘Execute workflow’': { main: [[{ node: 'Pullbay TikTok', type: 'main', index: 0 }]] } },
};

/** Opens a node's panel, as a double click on it does. */
async function openNode(page: Page, name: string) {
	await page.locator('[data-test-id="canvas-node"]').filter({ hasText: name }).first().dblclick({ force: true });
	await page.waitForSelector('[data-test-id="ndv"]');
}

/** The same workflow for a handle that does not exist, for the error panel. */
const notFoundWorkflow = {
	...demoWorkflow,
	id: NOT_FOUND_ID,
	name: 'Pullbay TikTok: a handle that does not exist',
	nodes: demoWorkflow.nodes.map((node) =>
		node.id === 'pullbay' ? { ...node, parameters: { resource: 'user', operation: 'get', username: { __rl: true, mode: 'username', value: 'nobody-here' } } } : node,
	),
};

/** The same workflow with a short link given as the post, for the editor's check of a resource locator mode. */
const shortLinkWorkflow = {
	...demoWorkflow,
	id: SHORT_LINK_ID,
	name: 'Pullbay TikTok: a short link as the post',
	nodes: demoWorkflow.nodes.map((node) =>
		node.id === 'pullbay'
			? { ...node, parameters: { resource: 'comment', operation: 'getAll', postId: { __rl: true, mode: 'url', value: 'https://vm.tiktok.com/ZMabc123/' } } }
			: node,
	),
};

async function shot(page: Page, name: string) {
	await page.waitForTimeout(1500);
	await page.screenshot({ path: join(ROOT, 'docs', `${name}.png`) });
	console.log(`docs/${name}.png`);
}

async function main() {
	ensureChromium();
	const line = N8N_LINES.find((candidate) => candidate.name === (process.env.N8N_LINE ?? '2.x'))!;
	const fakeApi = spawn(process.execPath, [join(ROOT, '.build', 'test', 'fake-api', 'cli.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
	const { baseUrl, apiKey } = JSON.parse(
		await new Promise<string>((resolve) => fakeApi.stdout!.once('data', (chunk) => resolve(String(chunk)))),
	) as { baseUrl: string; apiKey: string };

	const home = userFolderWithPackage('screenshots', packPackage());
	const files = join(home, 'import');
	writeFileSync(`${files}-credentials.json`, JSON.stringify([{ ...CREDENTIAL, type: 'pullbayApi', data: { apiKey, baseUrl } }]));
	// The examples as a user has them after choosing the Pullbay credential in their nodes.
	const examples = ['hourly-trend-alert', 'daily-creator-report', 'comment-sentiment-feed'].map((name) => {
		const example = JSON.parse(readFileSync(join(ROOT, 'examples', `${name}.json`), 'utf8')) as {
			id: string;
			nodes: Array<{ type: string; credentials?: unknown }>;
		};
		for (const node of example.nodes) {
			if (node.type.startsWith('n8n-nodes-pullbay.')) node.credentials = { pullbayApi: CREDENTIAL };
		}
		return example;
	});
	writeFileSync(`${files}-workflows.json`, JSON.stringify([demoWorkflow, notFoundWorkflow, shortLinkWorkflow, ...examples]));
	for (const args of [['import:credentials', `--input=${files}-credentials.json`], ['import:workflow', `--input=${files}-workflows.json`]]) {
		const { status, output } = await n8nCli(line, home, args);
		if (status !== 0) throw new Error(output);
	}

	const port = await freePort(5678);
	const url = `http://localhost:${port}`;
	const n8n = await startN8n(line, home, { N8N_PORT: String(port) }, { stdio: 'ignore' });
	const browser = await chromium.launch({ executablePath: CHROMIUM });
	try {
		const editor = new EditorSession(url);
		await editor.waitUntilUp();
		await editor.setUpOwner();
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		await page.goto(`${url}/signin`);
		await page.fill('input[type="email"]', OWNER.email);
		await page.fill('input[type="password"]', OWNER.password);
		await page.keyboard.press('Enter');
		await page.waitForURL((target) => !target.pathname.includes('signin'));

		// The example workflow on the canvas.
		await page.goto(`${url}/workflow/${examples[0].id}`);
		await page.waitForSelector('[data-test-id="canvas-node"]');
		await page.keyboard.press('Shift+1'); // zoom to fit
		await shot(page, 'example-trend-alert');

		// The node panel, then its output table after Execute step.
		await page.goto(`${url}/workflow/${DEMO_ID}`);
		await page.waitForSelector('[data-test-id="canvas-node"]');
		await openNode(page, 'Pullbay TikTok');
		await shot(page, 'node-panel');
		await page.locator('[data-test-id="ndv"] [data-test-id="node-execute-button"]').first().click();
		await page.waitForSelector('[data-test-id="ndv-data-container"] table');
		await shot(page, 'output-table');

		// An error as the user sees it: what happened, what to do, and the HTTP status.
		await page.goto(`${url}/workflow/${NOT_FOUND_ID}`);
		await page.waitForSelector('[data-test-id="canvas-node"]');
		await openNode(page, 'Pullbay TikTok');
		await page.locator('[data-test-id="ndv"] [data-test-id="node-execute-button"]').first().click();
		await page.waitForSelector('.node-error-view');
		await page.locator('.node-error-view details summary').first().click();
		await shot(page, 'error-details');

		// A mode's check in the editor, before anything runs: a short link given as the post.
		await page.goto(`${url}/workflow/${SHORT_LINK_ID}`);
		await page.waitForSelector('[data-test-id="canvas-node"]');
		await openNode(page, 'Pullbay TikTok');
		// The mode's message shows in the tooltip of the warning sign beside the field.
		await page.locator('[data-test-id="ndv"] [data-test-id="parameter-issues"]').first().hover();
		await shot(page, 'locator-check');

		// The trigger's panel, in the comment feed example.
		await page.goto(`${url}/workflow/${examples[2].id}`);
		await page.waitForSelector('[data-test-id="canvas-node"]');
		await openNode(page, 'New comments on our post');
		await shot(page, 'trigger-panel');
	} finally {
		await browser.close();
		n8n.kill('SIGTERM');
		fakeApi.kill();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
