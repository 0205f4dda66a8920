import type { INodeParameters } from 'n8n-workflow';

import { executeNode, type RunOptions } from './engine/executeNode';
import { FakePullbayApi, TEST_API_KEY } from './fake-api/server';

/** Starts one fake Pullbay API for the test file and resets it before each test. */
export function useFakeApi() {
	const api = new FakePullbayApi();
	beforeAll(async () => {
		await api.start();
	});
	afterAll(async () => {
		await api.stop();
	});
	beforeEach(() => api.reset());

	/** Runs the node with these parameters and a credential pointing at the fake API. */
	const run = async (parameters: INodeParameters, options: Partial<RunOptions> = {}) =>
		await executeNode({
			parameters,
			credentials: { apiKey: TEST_API_KEY, baseUrl: api.baseUrl },
			...options,
		});

	return { api, run };
}

export const ids = (items: Array<{ json: { id?: unknown } }>) => items.map((item) => item.json.id);
