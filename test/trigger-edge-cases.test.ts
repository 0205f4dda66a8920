/**
 * Edge cases found by an adversarial review of the trigger's exactly-once promise: each test is
 * a history that once lost or repeated a result.
 */
import type { INodeParameters } from 'n8n-workflow';

import { activeTrigger } from './engine/executeNode';
import { ids, useFakeApi } from './helpers';
import { makePost, TEST_API_KEY, type FakeData } from './fake-api/server';

const { api } = useFakeApi();

const post = (n: number) => ({ ...makePost(`p${n}`), uploadedAt: 1714560000 + n });
/** Newest first, as TikTok feeds are. */
const feed = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => post(to - i));

const trigger = (parameters: INodeParameters, data: Partial<FakeData> = {}) => {
	api.reset(data);
	return activeTrigger(parameters, { apiKey: TEST_API_KEY, baseUrl: api.baseUrl });
};

/** Polls n times, collecting the emitted IDs; a failed poll emits nothing. */
const pollN = async (poll: () => Promise<Array<{ json: { id?: unknown } }>>, n: number) => {
	const out: unknown[] = [];
	for (let i = 0; i < n; i++) {
		try {
			out.push(...ids(await poll()));
		} catch {
			// A failed poll: the next one reads again.
		}
	}
	return out;
};

describe('Pullbay TikTok Trigger: a post with an odd time does not hide the posts below it', () => {
	test('one backdated post does not hide an ordinary post published before it (A2)', async () => {
		const { poll } = trigger({ event: 'newPostByUser', userId: '1' }, { userPosts: { '1': feed(1, 5) } });
		api.pageSize = 10;
		await poll();
		// p6..p10 published; p7 carries an upload time a day older than every known post.
		const burst = feed(6, 10).map((p) => (p.id === 'p7' ? { ...p, uploadedAt: 1714560000 - 86400 } : p));
		api.data.userPosts['1'] = [...burst, ...feed(1, 5)];
		const all = await pollN(poll, 10);
		expect(all).toEqual(['p6', 'p8', 'p9', 'p10']);
	});

	test('a post dated 4 minutes ahead (within the clock-skew allowance) does not silence the next ordinary post (A7)', async () => {
		const nowS = Math.floor(Date.now() / 1000);
		const at = (id: string, t: number) => ({ ...makePost(id), uploadedAt: t });
		const old = [at('o3', nowS - 300), at('o2', nowS - 400), at('o1', nowS - 500), at('o0', nowS - 600)];
		const { poll } = trigger({ event: 'newPostByUser', userId: '1' }, { userPosts: { '1': old } });
		api.pageSize = 10;
		await poll();
		api.data.userPosts['1'] = [at('n1', nowS + 240), ...old];
		const first = ids(await poll());
		api.data.userPosts['1'] = [at('n2', nowS + 60), at('n1', nowS + 240), ...old];
		const later = await pollN(poll, 3);
		expect([...first, ...later]).toEqual(['n1', 'n2']);
	});
});
