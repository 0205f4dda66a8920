/**
 * Talking to Pullbay: the envelope every answer must have, the retry policy, and errors that
 * say what happened and what to do. Used by the action node (requests through n8n's routing
 * engine) and the trigger (requests through n8n's request helpers).
 */
import type { IDataObject, IN8nHttpFullResponse, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { Endpoint } from './endpoints';
import { contentHash } from './hash';
import { MAX_WAIT_MS, pacerFor, RequestNotSent, waitUnlessStopped, type Pacer, type Ticket } from './scheduler';

export const CREDENTIAL_TYPE = 'pullbayApi';

/**
 * The credential's Base URL as requests use it, trimmed of spaces and trailing slashes; the
 * node, the trigger and the credential test share it.
 */
export const BASE_URL_EXPRESSION = '={{String($credentials.baseUrl).trim().replace(/\\/+$/, "")}}';
export const baseUrlOf = (credentials: IDataObject) => String(credentials.baseUrl).trim().replace(/\/+$/, '');

/** The key as pasted, without surrounding spaces or a copied `Bearer ` prefix. */
export const apiKeyOf = (credentials: IDataObject) =>
	String(credentials.apiKey ?? '')
		.trim()
		.replace(/^bearer\s+/i, '');

/** The numeric ID in a User by handle response. */
export function userIdFrom(node: INode, lookup: Envelope, handle: string, itemIndex?: number): string {
	const id = lookup.data[0]?.id;
	if (id === undefined) {
		throw new NodeOperationError(node, `The TikTok user @${handle} was not found`, { itemIndex });
	}
	return String(id);
}

export interface Envelope {
	status?: number;
	message?: string;
	success?: boolean;
	error?: { code?: string };
	data: IDataObject[];
	pagination?: { cursor?: string | null; hasNextPage?: boolean | null } | null;
}

/** Why a response is not a Pullbay answer, kept on the error's context until it is explained. */
interface ApiFailure {
	status: number;
	/** Whether the body was Pullbay's error envelope, rather than a page from something else. */
	fromPullbay: boolean;
	message?: string;
	code?: string;
	retryAfter?: string;
	/** Where a redirect pointed. */
	location?: string;
	/** For an answer that is not Pullbay's: its content type and first characters. */
	received?: string;
}

const MAX_RETRIES = 3;
/** 429s get more tries: the key has already slowed down, and Pullbay says when to come back. */
const MAX_RATE_LIMIT_RETRIES = 5;
const RETRY_BASE_MS = 500;
/** No retry sooner than this, whatever Retry-After says. */
const RETRY_MIN_MS = 250;

const STATUS_HINTS: Record<number, { message: string; description: string }> = {
	400: {
		message: 'Pullbay rejected the request as invalid',
		description: "Check the node's fields against their descriptions.",
	},
	401: {
		message: 'Pullbay did not accept the API key',
		description: 'Check the API key in the Pullbay API credential; it may be mistyped or revoked.',
	},
	402: {
		message: 'The Pullbay account is out of credits',
		description: 'Top up credits in the Pullbay dashboard, then run the workflow again.',
	},
	404: {
		message: 'Not found on TikTok',
		description: 'Check the value; the account, post or comment may be private or deleted.',
	},
	429: {
		message: 'Pullbay is rate limiting this API key',
		description:
			'To spread a long list out further, add Request Options → Batching to this node (e.g. 5 items every 1000 ms), or run fewer items at a time.',
	},
};

const SERVER_ERROR_HINT = {
	message: 'Pullbay could not complete the request on its side',
	description: 'This is on Pullbay’s side; try again later.',
};

const isRetryable = (status: number) => status === 429 || status >= 500;

const isObject = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/** What came back, for a message: content type and the first characters of the body. */
function describeBody(response: IN8nHttpFullResponse): string {
	const type = String(response.headers['content-type'] ?? 'no content type').split(';')[0];
	const raw = response.body;
	const text = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : JSON.stringify(raw);
	const start = text.replace(/\s+/g, ' ').trim().slice(0, 80);
	return start ? `${type}, starting ${JSON.stringify(start)}` : `${type}, empty body`;
}

/** Whether a 2xx body is Pullbay's envelope: an object whose `data` is an array of objects. */
const isEnvelope = (body: unknown): body is Envelope =>
	isObject(body) && Array.isArray(body.data) && body.data.every(isObject);

/**
 * Throws for any response that is not a successful Pullbay envelope: a redirect, a non-2xx, a
 * 2xx with `success: false`, or a 2xx that is not Pullbay's (an HTML page from a proxy, an
 * empty or cut-off body, `data` missing or not a list of objects). The error carries what
 * came back, for `withRetries` to retry or explain.
 */
export function assertEnvelope(node: INode, response: IN8nHttpFullResponse): Envelope {
	const { statusCode, body } = response;
	if (statusCode >= 200 && statusCode < 300 && isEnvelope(body) && body.success !== false) return body;

	const pullbayError = isObject(body) && body.success === false;
	const envelope = (pullbayError ? body : {}) as Partial<Envelope>;
	const failure: ApiFailure = {
		status: statusCode < 300 && pullbayError ? (envelope.status ?? statusCode) : statusCode,
		fromPullbay: pullbayError,
		message: envelope.message,
		code: envelope.error?.code,
		retryAfter: response.headers['retry-after'] as string | undefined,
		location: response.headers.location as string | undefined,
		received: pullbayError ? undefined : describeBody(response),
	};
	const error = new NodeApiError(node, { status: failure.status } as JsonObject, {
		message: `HTTP ${failure.status}`,
		httpCode: String(failure.status),
	});
	error.context.pullbay = failure as unknown as IDataObject;
	throw error;
}

const failureOf = (error: unknown) =>
	(error as NodeApiError).context?.pullbay as ApiFailure | undefined;

/** Replaces every occurrence of the key in a text. */
function redactor(apiKey: unknown) {
	return (text: string) =>
		typeof apiKey === 'string' && apiKey.length > 0 ? text.split(apiKey).join('[redacted]') : text;
}

/** A copy of a result with every occurrence of the key replaced, for a key an answer echoes back. */
function redactResults(results: IDataObject[], apiKey: string): IDataObject[] {
	if (!apiKey || !JSON.stringify(results).includes(apiKey)) return results;
	const redact = redactor(apiKey);
	const walk = (value: unknown): unknown => {
		if (typeof value === 'string') return redact(value);
		if (Array.isArray(value)) return value.map(walk);
		if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k), walk(v)]));
		return value;
	};
	return results.map((result) => walk(result) as IDataObject);
}

interface FailedRequest {
	node: INode;
	apiKey: unknown;
	endpoint: Endpoint;
	/** The path values and query the request was made with, for a 404's wording. */
	values: Record<string, string>;
	attempts: number;
	/** Milliseconds from the first try to the last answer. */
	elapsedMs: number;
	/** The request's timeout in milliseconds, for a timeout's message. */
	timeoutMs?: number;
	itemIndex?: number;
	/** Whether a 429 or server error would have been retried. */
	retry?: boolean;
	/** What Retry-After asked for when it was longer than the node waits. */
	tooLongMs?: number;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
const utcTime = (epochMs: number) => `${new Date(epochMs).toISOString().slice(11, 19)} UTC`;

/**
 * An error whose message is ours. A network failure gets no code: NodeApiError would swap the
 * message of an error coded e.g. ECONNREFUSED for generic text, and the editor would show "none".
 */
const apiError = (request: FailedRequest, raw: JsonObject, message: string, description: string, httpCode?: string) =>
	new NodeApiError(request.node, raw, { message, description, httpCode, itemIndex: request.itemIndex });

const BASE_URL_ADVICE = 'Check the Base URL in the Pullbay API credential: it should be https://dashboard.pullbay.com/api, or a proxy that forwards to it.';

/** A failed request's error, rebuilt to say what happened and what to do, with the key redacted. */
export function explainFailure(error: unknown, request: FailedRequest): NodeApiError {
	const redact = redactor(request.apiKey);
	const failure = failureOf(error);

	if (!failure) {
		const cause = (error as NodeApiError).cause as { code?: string; message?: string } | undefined;
		const code = cause?.code ?? 'network error';
		const detail = redact(cause?.message ?? (error as Error).message);
		if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(detail)) {
			const limit = request.timeoutMs ? `within ${seconds(request.timeoutMs)}` : 'in time';
			return apiError(
				request,
				{ networkError: code, message: detail },
				`Pullbay did not answer ${limit}`,
				`The request was sent but no answer came ${limit} (${code}: ${detail}). Pullbay or the network may be slow: try again, or give it longer with this node's Request Options → Timeout.`,
			);
		}
		return apiError(
			request,
			{ networkError: code, message: detail },
			'Could not reach Pullbay',
			`No answer came from Pullbay (${code}: ${detail}). ${BASE_URL_ADVICE} Also check this machine's network, then try again.`,
		);
	}

	const { status } = failure;
	const http = `HTTP ${status}.`;
	if (status >= 300 && status < 400) {
		return apiError(
			request,
			{ status },
			`The Base URL redirected to ${redact(failure.location ?? 'another address')}`,
			`The node does not follow redirects, so the API key is only ever sent to the Base URL. If the new address is right, put it in the Pullbay API credential's Base URL. ${http}`,
			String(status),
		);
	}
	if (!failure.fromPullbay && status < 300) {
		return apiError(
			request,
			{ status },
			'The Base URL answered, but not with a Pullbay response',
			`Received ${redact(failure.received ?? '')}. A proxy, captive portal or another service may be answering instead of Pullbay. ${BASE_URL_ADVICE} ${http}`,
			String(status),
		);
	}
	if (!failure.fromPullbay && status === 404) {
		return apiError(
			request,
			{ status },
			'The Base URL answered 404 Not Found, not in the form Pullbay uses: it is probably wrong',
			`Received ${redact(failure.received ?? '')}. ${BASE_URL_ADVICE} ${http}`,
			'404',
		);
	}

	const hint = STATUS_HINTS[status] ?? (status >= 500 ? SERVER_ERROR_HINT : undefined);
	const waited = status === 429 ? `${rateLimitWaits(request)} ` : '';
	const apiDetail = redact([failure.message, failure.code].filter(Boolean).join(', '));
	let message = hint?.message ?? `Pullbay returned HTTP ${status}`;
	if (status === 404 && request.endpoint.notFound) message = request.endpoint.notFound(request.values);
	if (apiDetail) message += ` (${apiDetail})`;
	const received = failure.fromPullbay ? '' : ` Received ${redact(failure.received ?? '')}.`;
	const retried = request.attempts > 1 ? ` Tried ${request.attempts} times over ${seconds(request.elapsedMs)}.` : '';
	return apiError(
		request,
		{
			status,
			message: failure.message ? redact(failure.message) : null,
			code: failure.code ? redact(failure.code) : null,
		},
		message,
		`${waited}${hint?.description ?? ''}${received}${retried} ${http}`.trim(),
		String(status),
	);
}

/** What the node did about a 429, in words for its error. */
function rateLimitWaits({ tooLongMs, attempts, retry }: FailedRequest): string {
	if (tooLongMs !== undefined) {
		return `Pullbay asked to wait ${seconds(tooLongMs)} before trying again, more than the node waits (${seconds(MAX_WAIT_MS)}), so it did not retry. Until ${utcTime(Date.now() + tooLongMs)}, further requests with this API key fail without being sent.`;
	}
	if (attempts > 1) {
		return 'Before each try the node paused every request with this API key for as long as Pullbay asked (Retry-After), or with a growing backoff where it did not say.';
	}
	return retry === false ? 'This request is not retried.' : '';
}

/** An error for a request that never left, saying why and that nothing was spent. */
function notSentError(request: FailedRequest, { reason, resumesAt }: RequestNotSent): NodeApiError {
	if (reason === 'cutOff') {
		return apiError(
			request,
			{ message: 'The execution was stopped' },
			'The execution was stopped while this request was under way',
			'n8n cut the request off; Pullbay may already have answered it, and charged for it.',
		);
	}
	if (reason === 'stopped') {
		return apiError(
			request,
			{ message: 'The execution was stopped' },
			'The execution was stopped before this request was sent',
			'Nothing was sent to Pullbay for this item, so no credits were used.',
		);
	}
	return apiError(
		request,
		{ message: 'The API key is paused' },
		`Not sent: Pullbay asked this API key to wait ${seconds(resumesAt - Date.now())}, more than the node waits (${seconds(MAX_WAIT_MS)})`,
		`Pullbay refused an earlier request with this key (HTTP 429) and asked to wait until ${utcTime(resumesAt)}. Nothing was sent for this item, so no credits were used; run it again after that time.`,
	);
}

/** What Retry-After asks for, in ms; undefined when missing, empty, negative or unreadable. */
function askedWaitMs(retryAfter: string | undefined): number | undefined {
	const text = (retryAfter ?? '').trim();
	if (text === '') return undefined;
	const ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text) - Date.now();
	return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/**
 * How long to wait before the next try: what Retry-After asks (`asked`), else exponential
 * backoff; never less than 250 ms, and plus a little at random, so that items refused together
 * do not retry together.
 */
function retryWait(attempt: number, retryAfter?: string): { ms: number; asked?: number } {
	const asked = askedWaitMs(retryAfter);
	if (asked !== undefined) return { ms: Math.max(RETRY_MIN_MS, asked) * (1 + Math.random() / 10), asked };
	return { ms: RETRY_BASE_MS * 2 ** attempt * (1 + Math.random() / 2) };
}

/** What tells two results apart: the ID, or the whole result when Pullbay sent none. */
export const resultKey = (result: IDataObject) =>
	result.id === undefined || result.id === null ? `json:${contentHash(JSON.stringify(result))}` : String(result.id);

type Explain = (error: unknown, attempts: number, elapsedMs: number, tooLongMs?: number) => Promise<NodeApiError>;
type ExplainNotSent = (error: RequestNotSent) => NodeApiError;

/** Where a request waits its turn: the key's pacer, its execution's lane, and its Stop signal. */
interface Pacing {
	pacer: Pacer;
	lane: string;
	signal?: AbortSignal;
}

/**
 * Runs one API call in its turn on the key, again on 429 (at most 5 more times) and 5xx (at
 * most 3), and explains the failure that remains. A 429 pauses the whole key for as long as
 * Pullbay asks; a 5xx waits with backoff (or its Retry-After) and lets others go meanwhile.
 */
async function withRetries(
	call: () => Promise<Envelope>,
	explain: Explain,
	explainNotSent: ExplainNotSent,
	{ pacer, lane, signal }: Pacing,
	retry = true,
): Promise<Envelope> {
	const started = Date.now();
	for (let attempt = 0; ; attempt++) {
		let ticket: Ticket;
		try {
			ticket = await pacer.enter(lane, signal, attempt > 0);
		} catch (error) {
			throw explainNotSent(error as RequestNotSent);
		}
		try {
			const page = await call();
			pacer.accepted(ticket);
			return page;
		} catch (error) {
			const failure = failureOf(error);
			const wait = failure && isRetryable(failure.status) ? retryWait(attempt, failure.retryAfter) : undefined;
			const tooLongMs = wait?.asked !== undefined && wait.asked > MAX_WAIT_MS ? wait.asked : undefined;
			if (signal?.aborted) {
				pacer.abandoned(ticket);
				throw explainNotSent(new RequestNotSent('cutOff'));
			}
			if (failure?.status === 429) pacer.refused(ticket, tooLongMs ?? wait!.ms);
			// Any other answer shows what the key can take; a network error or 5xx shows nothing.
			else if (failure && failure.status < 500) pacer.accepted(ticket);
			else pacer.finished(ticket);

			const retries = failure?.status === 429 ? MAX_RATE_LIMIT_RETRIES : MAX_RETRIES;
			if (retry && wait && tooLongMs === undefined && attempt < retries) {
				// After a 429 the pacer holds the request until the key's pause is over.
				if (failure?.status !== 429) {
					await waitUnlessStopped(wait.ms, signal).catch((stopped: RequestNotSent) => {
						throw explainNotSent(stopped);
					});
				}
				continue;
			}
			throw await explain(error, attempt + 1, Date.now() - started, tooLongMs);
		}
	}
}

/** What `sendToPullbay` needs to know of a request, besides how to send it. */
export interface PullbayRequest {
	node: INode;
	credentials: IDataObject;
	endpoint: Endpoint;
	/** The path values and query, for a 404's wording. */
	values: Record<string, string>;
	timeoutMs?: number;
	itemIndex?: number;
	/**
	 * The execution the request is for: its turn on the key is taken among that execution's
	 * requests, and Stop drops it while it waits. Requests without one share a turn.
	 */
	execution?: { id?: string; signal?: AbortSignal };
}

/**
 * Every request to Pullbay, from the node and the trigger: paced on the key, retried (unless
 * `retry` is false), its failure explained, and the key redacted from what came back.
 */
export async function sendToPullbay(
	send: () => Promise<Envelope>,
	{ credentials, execution, ...request }: PullbayRequest,
	retry = true,
): Promise<Envelope> {
	const apiKey = apiKeyOf(credentials);
	const failed = { ...request, apiKey, retry };
	const page = await withRetries(
		send,
		async (error, attempts, elapsedMs, tooLongMs) => explainFailure(error, { ...failed, attempts, elapsedMs, tooLongMs }),
		(notSent) => notSentError({ ...failed, attempts: 0, elapsedMs: 0 }, notSent),
		{ pacer: pacerFor(baseUrlOf(credentials), apiKey), lane: execution?.id ?? '', signal: execution?.signal },
		retry,
	);
	return { ...page, data: redactResults(page.data, apiKey) };
}

/** One request, not retried: the trigger's, whose next poll is its retry. */
export const sendOnce = async (send: () => Promise<Envelope>, request: PullbayRequest) =>
	await sendToPullbay(send, request, false);
