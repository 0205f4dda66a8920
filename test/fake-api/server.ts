/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- never shipped (package.json "files" is dist/ only): development tooling that runs on Node.js, outside n8n, and needs the fake API key, Node globals (timers, process), Node built-ins and n8n-core */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Json = Record<string, unknown>;

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	/** When it arrived (Date.now()). */
	at: number;
}

export interface FakeResponse {
	status: number;
	body?: unknown;
	/** Sent as is instead of `body` as JSON: for answers that are not Pullbay's. */
	raw?: string;
	headers?: Record<string, string>;
}

/** What the fake API knows; tests fill in only what they need. */
export interface FakeData {
	users: Json[];
	/** user id -> posts */
	userPosts: Record<string, Json[]>;
	/** keyword -> posts */
	search: Record<string, Json[]>;
	/** post id -> comments */
	comments: Record<string, Json[]>;
	/** "postId/commentId" -> replies */
	replies: Record<string, Json[]>;
	hashtags: Json[];
}

/** What POST /__admin/state changes. */
export interface AdminChange {
	data?: Partial<FakeData>;
	pageSize?: number;
	/** Page size of one path (e.g. a profile of real TikTok's size beside small pages elsewhere). */
	pageSizeOf?: Record<string, number>;
	outage?: boolean;
	latencyMs?: number;
	/** null lifts the limit (JSON has no Infinity). */
	maxInFlight?: number | null;
	maxPerSecond?: number | null;
}

export const TEST_API_KEY = 'pb_test_5ecret_key_0123456789';

const CAPS = { posts: 200, search: 200, comments: 500 };

export const makeUser = (username: string, id: string): Json => ({
	id,
	username,
	nickname: username.toUpperCase(),
	url: `https://www.tiktok.com/@${username}`,
	bio: 'One TikTok can make a big impact',
	bioUrl: '',
	avatar: 'https://p16-common-sign.tiktokcdn.com/avatar.jpg',
	verified: true,
	profileCategory: '',
	followers: 89000000,
	following: 7,
	likes: 1300000000,
	videos: 1100,
});

export const makePost = (id: string, username = 'tiktok'): Json => ({
	id,
	title: `Post ${id}`,
	postPage: `https://www.tiktok.com/@${username}/video/${id}`,
	uploadedAt: 1714560000,
	uploadedAtFormatted: '2024-05-01T00:00:00Z',
	views: 750000,
	likes: 12500,
	comments: 793,
	shares: 1250,
	bookmarks: 320,
	poi: null,
	channel: { id: '107955', username, name: 'TikTok', bio: '', avatar: '' },
	collabInfo: {},
	video: {},
	song: {},
	hashtags: [],
	subtitleInformation: [],
});

export const makeComment = (id: string, postId: string, parentId?: string): Json => ({
	id,
	...(parentId ? { parentId } : { replyCount: 1 }),
	awemeId: postId,
	text: `Comment ${id}`,
	createdAt: '2026-05-05T19:46:32.000Z',
	likeCount: 25,
	commentLanguage: 'en',
	isAuthorLiked: false,
	user: { id: '12345', username: 'someuser', nickname: 'Some User', avatar: '', verified: false },
});

/** `count` items with ids prefix-1 … prefix-count, built by `make`. */
export const many = (count: number, prefix: string, make: (id: string) => Json): Json[] =>
	Array.from({ length: count }, (_, i) => make(`${prefix}${i + 1}`));

export function emptyData(): FakeData {
	return { users: [], userPosts: {}, search: {}, comments: {}, replies: {}, hashtags: [] };
}

/** Pullbay's success envelope around one page of results. */
export const envelope = (data: Json[], pagination?: Json): Json => ({
	status: 200,
	message: 'OK',
	success: true,
	data,
	...(pagination ? { pagination } : {}),
	pricing: { creditsCharged: 1 },
});

export const errorEnvelope = (status: number, message: string, code: string): FakeResponse => ({
	status,
	body: { status, message, success: false, error: { code } },
});

/**
 * A local stand-in for the Pullbay TikTok API: same paths, envelope, cursor pagination
 * and error envelope, serving `data`, and recording every request it receives.
 */
export class FakePullbayApi {
	data: FakeData = emptyData();

	requests: RecordedRequest[] = [];

	/** Results per cursor page. */
	pageSize = 3;

	/** Results per cursor page of one path, instead of `pageSize`. */
	pageSizeOf: Record<string, number> = {};

	/** Delay added to every response, for latency benchmarks. */
	latencyMs = 0;

	/** Answers before the contract does, when it returns a response. */
	override?: (request: RecordedRequest) => FakeResponse | undefined;

	/** A gateway limit: beyond this many requests in flight, an immediate 429 with Retry-After. */
	maxInFlight = Infinity;

	retryAfter = '1';

	/**
	 * A per-second plan: beyond this many accepted requests in any 1000 ms (a sliding window), an
	 * immediate 429 whose Retry-After is the whole seconds until the oldest of them leaves it.
	 * Refused requests do not count.
	 */
	maxPerSecond = Infinity;

	/** Requests for which this returns true are never answered, as if lost; they hold no slot. */
	hang?: (request: RecordedRequest) => boolean;

	private acceptedAt: number[] = [];

	/** Requests being answered now, and the most there were at once. */
	inFlight = 0;

	peakInFlight = 0;

	/** Requests answered 429 because of `maxInFlight`. */
	rateLimited = 0;

	private server?: Server;

	baseUrl = '';

	async start(port = 0): Promise<string> {
		this.server = createServer((req, res) => {
			const url = new URL(req.url ?? '/', 'http://localhost');
			// Lets another process (the end-to-end test) read and clear the request log.
			if (url.pathname === '/__admin/requests') {
				if (req.method === 'DELETE') this.requests = [];
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify(this.requests));
				return;
			}
			// ... and change what the API serves: data, page size, latency, a gateway limit, an outage (503 for everything).
			if (url.pathname === '/__admin/state' && req.method === 'POST') {
				let body = '';
				req.on('data', (chunk: Buffer) => (body += String(chunk)));
				req.on('end', () => {
					const change = JSON.parse(body) as AdminChange;
					this.data = { ...this.data, ...change.data };
					if (change.pageSize !== undefined) this.pageSize = change.pageSize;
					if (change.pageSizeOf !== undefined) this.pageSizeOf = { ...this.pageSizeOf, ...change.pageSizeOf };
					if (change.latencyMs !== undefined) this.latencyMs = change.latencyMs;
					if (change.maxInFlight !== undefined) this.maxInFlight = change.maxInFlight ?? Infinity;
					if (change.maxPerSecond !== undefined) this.maxPerSecond = change.maxPerSecond ?? Infinity;
					if (change.outage !== undefined) {
						this.override = change.outage ? () => errorEnvelope(503, 'Service unavailable', 'UNAVAILABLE') : undefined;
					}
					res.writeHead(204);
					res.end();
				});
				return;
			}
			const request: RecordedRequest = {
				method: req.method ?? 'GET',
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				headers: req.headers,
				at: Date.now(),
			};
			this.requests.push(request);
			if (this.hang?.(request)) return;
			const refuse = (retryAfter: string) => {
				this.rateLimited++;
				const limited = errorEnvelope(429, 'Too many requests', 'RATE_LIMITED');
				res.writeHead(429, { 'content-type': 'application/json', 'retry-after': retryAfter });
				res.end(JSON.stringify(limited.body));
			};
			if (this.inFlight >= this.maxInFlight) {
				refuse(this.retryAfter);
				return;
			}
			this.acceptedAt = this.acceptedAt.filter((at) => at > request.at - 1000);
			if (this.acceptedAt.length >= this.maxPerSecond) {
				refuse(String(Math.ceil((this.acceptedAt[0] + 1000 - request.at) / 1000)));
				return;
			}
			this.acceptedAt.push(request.at);
			this.inFlight++;
			this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
			const response = this.override?.(request) ?? this.respond(request);
			const send = () => {
				this.inFlight--;
				if (response.raw !== undefined) {
					res.writeHead(response.status, response.headers);
					res.end(response.raw);
					return;
				}
				res.writeHead(response.status, {
					'content-type': 'application/json',
					...response.headers,
				});
				res.end(JSON.stringify(response.body));
			};
			if (this.latencyMs > 0) setTimeout(send, this.latencyMs);
			else send();
		});
		// Outlive the pauses between end-to-end steps, so a reused connection is never cut mid-request.
		this.server.keepAliveTimeout = 60_000;
		await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
		const { port: bound } = this.server.address() as AddressInfo;
		this.baseUrl = `http://127.0.0.1:${bound}/api`;
		return this.baseUrl;
	}

	async stop(): Promise<void> {
		// Hung requests would keep the server open forever.
		this.server?.closeAllConnections();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	reset(data: Partial<FakeData> = {}): void {
		this.data = { ...emptyData(), ...data };
		this.requests = [];
		this.pageSize = 3;
		this.pageSizeOf = {};
		this.latencyMs = 0;
		this.override = undefined;
		this.maxInFlight = Infinity;
		this.retryAfter = '1';
		this.maxPerSecond = Infinity;
		this.hang = undefined;
		this.acceptedAt = [];
		this.inFlight = 0;
		this.peakInFlight = 0;
		this.rateLimited = 0;
	}

	respond(request: RecordedRequest): FakeResponse {
		if (request.headers.authorization !== `Bearer ${TEST_API_KEY}`) {
			return errorEnvelope(401, 'Invalid API key', 'UNAUTHORIZED');
		}
		const path = request.path.replace(/^\/api/, '');
		const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
		const { data } = this;
		const notFound = (what: string) => errorEnvelope(404, `${what} not found`, 'NOT_FOUND');
		const one = (item: Json | undefined, what: string) =>
			item ? { status: 200, body: envelope([item]) } : notFound(what);
		const allPosts = () => [
			...Object.values(data.userPosts).flat(),
			...Object.values(data.search).flat(),
		];

		const [service, kind, a, b, c, d, e] = segments;
		if (service !== 'tiktok') return notFound('Route');
		if (kind === 'user' && a === 'handle' && b && !c) {
			// TikTok handles are case-insensitive.
			return one(data.users.find((user) => String(user.username).toLowerCase() === b.toLowerCase()), 'User');
		}
		if (kind === 'user' && a && b === 'posts' && !c) {
			const posts = data.userPosts[a];
			return posts ? this.page(posts, request.query, CAPS.posts, this.pageSizeOf[request.path]) : notFound('User');
		}
		if (kind === 'post' && a === 'search' && !b) {
			const keyword = request.query.keyword ?? '';
			if (keyword.length < 1 || keyword.length > 100) {
				return errorEnvelope(400, 'keyword must be 1-100 characters', 'BAD_REQUEST');
			}
			return this.page(data.search[keyword] ?? [], request.query, CAPS.search);
		}
		if (kind === 'post' && !a) {
			const id = /\/(?:video|photo)\/(\d+)/.exec(request.query.url ?? '')?.[1];
			return one(allPosts().find((post) => post.id === id), 'Post');
		}
		if (kind === 'post' && a && !b) {
			return one(allPosts().find((post) => post.id === a), 'Post');
		}
		if (kind === 'post' && a && b === 'comments' && !c) {
			const comments = data.comments[a];
			return comments ? this.page(comments, request.query, CAPS.comments) : notFound('Post');
		}
		if (kind === 'post' && a && b === 'comments' && c && d === 'replies' && !e) {
			const replies = data.replies[`${a}/${c}`];
			return replies ? this.page(replies, request.query, CAPS.comments) : notFound('Comment');
		}
		if (kind === 'hashtag' && a === 'handle' && b && !c) {
			return one(data.hashtags.find((tag) => tag.name === b), 'Hashtag');
		}
		return notFound('Route');
	}

	/** Cursor pagination as the API does it: `maxItems` (one shot) or `cursor`, never both. */
	private page(all: Json[], query: Record<string, string>, cap: number, pageSize = this.pageSize): FakeResponse {
		const { maxItems, cursor, region } = query;
		if (region !== undefined && (region.length < 2 || region.length > 5)) {
			return errorEnvelope(400, 'region must be 2-5 characters', 'BAD_REQUEST');
		}
		if (maxItems !== undefined && cursor !== undefined) {
			return errorEnvelope(400, 'cursor and maxItems are mutually exclusive', 'BAD_REQUEST');
		}
		if (maxItems !== undefined) {
			const count = Number(maxItems);
			if (!Number.isInteger(count) || count < 1 || count > cap) {
				return errorEnvelope(400, `maxItems must be 1-${cap}`, 'BAD_REQUEST');
			}
			const nulls = { page: null, hasNextPage: null, cursor: null, offset: null };
			return { status: 200, body: envelope(all.slice(0, count), nulls) };
		}
		const offset = cursor === undefined ? 0 : Number(/^c(\d+)$/.exec(cursor)?.[1] ?? NaN);
		if (Number.isNaN(offset)) return errorEnvelope(400, 'invalid cursor', 'BAD_REQUEST');
		const end = offset + pageSize;
		const hasNextPage = end < all.length;
		return {
			status: 200,
			body: envelope(all.slice(offset, end), {
				page: null,
				hasNextPage,
				cursor: hasNextPage ? `c${end}` : null,
				offset: null,
			}),
		};
	}
}
