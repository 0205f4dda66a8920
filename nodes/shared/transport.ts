/**
 * Talking to Pullbay: the envelope every answer must have, the retry policy, and errors that
 * say what happened and what to do. Used by the action node (requests through n8n's routing
 * engine) and the trigger (requests through n8n's request helpers).
 */
import type { IDataObject, IN8nHttpFullResponse, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { Endpoint } from './endpoints';

export const CREDENTIAL_TYPE = 'pullbayApi';

/** The credential's Base URL as requests use it; the node, the trigger and the credential test share it. */
export const BASE_URL_EXPRESSION = '={{$credentials.baseUrl.replace(/\\/+$/, "")}}';
export const baseUrlOf = (credentials: IDataObject) => String(credentials.baseUrl).replace(/\/+$/, '');

/** The numeric ID in a User by handle response. */
export function userIdFrom(node: INode, lookup: Envelope, handle: string, itemIndex?: number): string {
	const id = lookup.data?.[0]?.id;
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
	data?: IDataObject[];
	pagination?: { cursor?: string | null; hasNextPage?: boolean | null } | null;
}

/** What an error response said, kept on the error's context until it is explained. */
interface ApiFailure {
	status: number;
	message?: string;
	code?: string;
	retryAfter?: string;
}

const MAX_RETRIES = 3;
const RETRY_BASE_MS = 500;
const RETRY_MAX_MS = 30_000;

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
		description: 'Wait a few minutes, or run fewer items or pages at a time.',
	},
};

const SERVER_ERROR_HINT = {
	message: 'Pullbay had a server error',
	description: 'This is on Pullbay’s side; try again later.',
};

const isRetryable = (status: number) => status === 429 || status >= 500;

/**
 * Throws for any response that is not a successful envelope: non-2xx, or `success: false`
 * with HTTP 200. The error carries what the API said, for `withRetries` to retry or explain.
 */
export function assertEnvelope(node: INode, response: IN8nHttpFullResponse): Envelope {
	const body = (response.body !== null && typeof response.body === 'object' ? response.body : {}) as Envelope;
	if (response.statusCode < 300 && body.success !== false) return body;

	const failure: ApiFailure = {
		status: response.statusCode < 300 ? (body.status ?? response.statusCode) : response.statusCode,
		message: body.message,
		code: body.error?.code,
		retryAfter: response.headers['retry-after'] as string | undefined,
	};
	const error = new NodeApiError(node, { ...failure } as JsonObject, {
		message: `HTTP ${failure.status}`,
		httpCode: String(failure.status),
	});
	error.context.pullbay = failure as unknown as IDataObject;
	throw error;
}

const failureOf = (error: unknown) =>
	(error as NodeApiError).context?.pullbay as ApiFailure | undefined;

function redactor(apiKey: unknown) {
	return (text: string) =>
		typeof apiKey === 'string' && apiKey.length > 0 ? text.split(apiKey).join('[redacted]') : text;
}

export interface FailedRequest {
	node: INode;
	apiKey: unknown;
	endpoint: Endpoint;
	/** The path values and query the request was made with, for a 404's wording. */
	values: Record<string, string>;
	attempts: number;
	itemIndex?: number;
}

/** A failed request's error, rebuilt to say what happened and what to do, with the key redacted. */
export function explainFailure(error: unknown, request: FailedRequest): NodeApiError {
	const redact = redactor(request.apiKey);
	const failure = failureOf(error);
	const { node, itemIndex } = request;

	if (!failure) {
		const cause = (error as NodeApiError).cause as { code?: string; message?: string } | undefined;
		const code = cause?.code ?? 'network error';
		const detail = redact(cause?.message ?? (error as Error).message);
		// The code stays out of the message: NodeApiError swaps messages naming one for generic text.
		return new NodeApiError(
			node,
			{ networkError: code, message: detail },
			{
				message: 'Could not reach Pullbay',
				description: `The request failed before Pullbay answered (${code}: ${detail}). Check the Base URL in the Pullbay API credential and this machine's network, then try again.`,
				httpCode: 'none',
				itemIndex,
			},
		);
	}

	const { status } = failure;
	const hint = STATUS_HINTS[status] ?? (status >= 500 ? SERVER_ERROR_HINT : undefined);
	const apiDetail = redact([failure.message, failure.code].filter(Boolean).join(', '));
	let message = hint?.message ?? `Pullbay returned HTTP ${status}`;
	if (status === 404 && request.endpoint.notFound) message = request.endpoint.notFound(request.values);
	if (apiDetail) message += ` (${apiDetail})`;
	const retried = request.attempts > 1 ? ` Tried ${request.attempts} times.` : '';
	return new NodeApiError(
		node,
		{
			status,
			message: failure.message ? redact(failure.message) : null,
			code: failure.code ? redact(failure.code) : null,
		},
		{
			message,
			description: `${hint?.description ?? ''}${retried} HTTP ${status}.`.trim(),
			httpCode: String(status),
			itemIndex,
		},
	);
}

function retryDelay(attempt: number, retryAfter?: string): number {
	if (retryAfter !== undefined) {
		const seconds = Number(retryAfter);
		const ms = Number.isNaN(seconds) ? Date.parse(retryAfter) - Date.now() : seconds * 1000;
		if (!Number.isNaN(ms)) return Math.min(Math.max(ms, 0), RETRY_MAX_MS);
	}
	return Math.min(RETRY_BASE_MS * 2 ** attempt, RETRY_MAX_MS);
}

/**
 * Runs one API call, again on 429 and 5xx only (at most 3 more times, honouring Retry-After,
 * else backing off), and explains the failure that remains.
 */
export async function withRetries(
	call: () => Promise<Envelope>,
	explain: (error: unknown, attempts: number) => Promise<NodeApiError>,
	maxRetries = MAX_RETRIES,
): Promise<Envelope> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await call();
		} catch (error) {
			const failure = failureOf(error);
			if (failure && isRetryable(failure.status) && attempt < maxRetries) {
				await sleep(retryDelay(attempt, failure.retryAfter));
				continue;
			}
			throw await explain(error, attempt + 1);
		}
	}
}

/** One API call, not retried: the trigger's, whose next poll is its retry. */
export const requestOnce = async (
	call: () => Promise<Envelope>,
	explain: (error: unknown, attempts: number) => Promise<NodeApiError>,
) => await withRetries(call, explain, 0);
