/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- never shipped (package.json "files" is dist/ only): development tooling that runs on Node.js, outside n8n, and needs Node globals (timers, process), Node built-ins and n8n-core */
/** The n8n editor's REST API, as the browser uses it, for end-to-end tests. */
import assert from 'node:assert/strict';
import type { IRunExecutionData } from 'n8n-workflow';

export interface SavedExecution {
	id: string;
	status: string;
	mode: string;
	run: IRunExecutionData;
}

export class EditorSession {
	private cookie = '';

	/** `parse` reads n8n's stored execution data (flatted JSON), with n8n's own copy of flatted. */
	constructor(
		private readonly url: string,
		private readonly parse: (text: string) => unknown = JSON.parse,
	) {}

	async waitUntilUp() {
		for (let waited = 0; waited < 180; waited++) {
			// While it boots, n8n answers every path with a plain-text "starting up" page.
			const response = await fetch(`${this.url}/rest/settings`).catch(() => undefined);
			if (response?.ok && response.headers.get('content-type')?.includes('json')) return;
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
		throw new Error(`n8n did not come up at ${this.url}`);
	}

	private async call(path: string, body?: unknown) {
		const response = await fetch(`${this.url}${path}`, {
			method: body === undefined ? 'GET' : 'POST',
			headers: { 'content-type': 'application/json', cookie: this.cookie },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		this.cookie = response.headers.get('set-cookie')?.split(';')[0] ?? this.cookie;
		const json = (await response.json()) as { data?: unknown };
		assert.ok(response.ok, `${path}: ${JSON.stringify(json)}`);
		return json.data ?? json;
	}

	get = async (path: string) => await this.call(path);

	/** The saved executions of a workflow, newest first, each with its run data. */
	async executions(workflowId: string): Promise<SavedExecution[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const list = (await this.get(`/rest/executions?filter=${filter}&limit=100`)) as { results: Array<{ id: string }> };
		const saved: SavedExecution[] = [];
		for (const { id } of list.results) {
			const execution = (await this.get(`/rest/executions/${id}`)) as { id: string; status: string; mode: string; data: string };
			saved.push({ ...execution, run: this.parse(execution.data) as IRunExecutionData });
		}
		return saved;
	}

	async setUpOwner() {
		await this.call('/rest/owner/setup', {
			email: 'e2e@example.com',
			firstName: 'End',
			lastName: 'ToEnd',
			password: 'Pullbay-e2e-1',
		});
	}

	/** Saves a Pullbay API credential and runs n8n's credential test on it, as the editor's Test button does. */
	async testCredential(data: { apiKey: string; baseUrl: string }) {
		const saved = (await this.call('/rest/credentials', { name: 'Pullbay', type: 'pullbayApi', data })) as { id: string };
		return (await this.call('/rest/credentials/test', {
			credentials: { id: saved.id, name: 'Pullbay', type: 'pullbayApi', data },
		})) as { status: string; message: string };
	}
}
