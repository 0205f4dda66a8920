import { emptyData, FakePullbayApi, makeComment, makePost, makeUser, many, type FakeData } from './server';

export const SEED_POST_ID = '7636131611674692894';

/** A small TikTok the demo and the end-to-end tests run against. */
export function seedData(): FakeData {
	return {
		...emptyData(),
		users: [makeUser('tiktok', '107955')],
		userPosts: { '107955': many(250, '76361316116746', (id) => makePost(id)) },
		search: { 'cooking hacks': many(12, '80000', (id) => makePost(id)) },
		comments: { [SEED_POST_ID]: many(520, '70000', (id) => makeComment(id, SEED_POST_ID)) },
		hashtags: [{ id: '12345', name: 'fyp', views: 1234567890 }],
	};
}

/** The fake API serving seedData() in pages of 100, as the demo and the end-to-end tests use it. */
export async function startSeededApi(port = 0): Promise<FakePullbayApi> {
	const api = new FakePullbayApi();
	api.reset(seedData());
	api.pageSize = 100;
	await api.start(port);
	return api;
}
