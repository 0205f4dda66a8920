import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { checkInput, checkPositiveInteger, USER_ID_PATTERN } from './InputFunctions';

type RequestData = DeclarativeRestApiSettings.ResultOptions;

interface Envelope {
	status?: number;
	message?: string;
	success?: boolean;
	error?: { code?: string };
	data?: IDataObject[];
	pagination?: { cursor?: string | null; hasNextPage?: boolean | null } | null;
}

/** What checkEnvelope learned from an error response, kept on the error's context. */
interface ApiFailure {
	status: number;
	message?: string;
	code?: string;
	retryAfter?: string;
}

const MAX_RETRIES = 3;
const RETRY_BASE_MS = 500;
const RETRY_MAX_MS = 30_000;
const PATH_PLACEHOLDER = /\{(\w+)\}/g;
const OPTIONAL_QUERY = ['region', 'dateRange', 'sortType'];

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
 * Lets a successful envelope through and turns any other response (non-2xx, or
 * `success: false` with HTTP 200) into an error that `send` explains or retries.
 */
export async function checkEnvelope(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const body = (response.body !== null && typeof response.body === 'object' ? response.body : {}) as Envelope;
	if (response.statusCode < 300 && body.success !== false) return items;

	const failure: ApiFailure = {
		status: response.statusCode < 300 ? (body.status ?? response.statusCode) : response.statusCode,
		message: body.message,
		code: body.error?.code,
		retryAfter: response.headers['retry-after'] as string | undefined,
	};
	const error = new NodeApiError(this.getNode(), { ...failure } as JsonObject, {
		message: `HTTP ${failure.status}`,
		httpCode: String(failure.status),
	});
	error.context.pullbay = failure as unknown as IDataObject;
	throw error;
}

function redactor(apiKey: unknown) {
	return (text: string) =>
		typeof apiKey === 'string' && apiKey.length > 0 ? text.split(apiKey).join('[redacted]') : text;
}

/** What a 404 on this request means, in the user's words. */
function notFoundSubject(url: string, query: IDataObject): string {
	const part = (value: string) => decodeURIComponent(value);
	const patterns: Array<[RegExp, (m: string[]) => string]> = [
		[/^\/tiktok\/user\/handle\/([^/]+)$/, (m) => `The TikTok user @${part(m[1])} was not found`],
		[/^\/tiktok\/user\/([^/]+)\/posts$/, (m) => `No TikTok user has the ID ${part(m[1])}`],
		[
			/^\/tiktok\/post\/([^/]+)\/comments\/([^/]+)\/replies$/,
			(m) => `The comment ${part(m[2])} on TikTok post ${part(m[1])} was not found`,
		],
		[/^\/tiktok\/post\/([^/]+)\/comments$/, (m) => `The TikTok post ${part(m[1])} was not found`],
		[/^\/tiktok\/hashtag\/handle\/([^/]+)$/, (m) => `The hashtag #${part(m[1])} was not found`],
		[/^\/tiktok\/post$/, () => `No TikTok post was found at ${String(query.url)}`],
		[/^\/tiktok\/post\/([^/]+)$/, (m) => `The TikTok post ${part(m[1])} was not found`],
	];
	for (const [pattern, describe] of patterns) {
		const match = pattern.exec(url);
		if (match) return describe(match);
	}
	return STATUS_HINTS[404].message;
}

/** Rebuilds a failed request's error with a message that says what happened and what to do. */
async function explainFailure(
	this: IExecuteSingleFunctions,
	error: NodeApiError,
	request: RequestData,
	attempts: number,
): Promise<NodeApiError> {
	const { apiKey } = await this.getCredentials('pullbayApi');
	const redact = redactor(apiKey);
	const failure = error.context?.pullbay as ApiFailure | undefined;
	const itemIndex = this.getItemIndex();

	if (!failure) {
		const cause = error.cause as { code?: string; message?: string } | undefined;
		const code = cause?.code ?? 'network error';
		const detail = redact(cause?.message ?? error.message);
		// The code stays out of the message: NodeApiError swaps messages naming one for generic text.
		return new NodeApiError(
			this.getNode(),
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
	if (status === 404) message = notFoundSubject(request.options.url ?? '', request.options.qs ?? {});
	if (apiDetail) message += ` (${apiDetail})`;
	const retried = attempts > 1 ? ` Tried ${attempts} times.` : '';
	return new NodeApiError(
		this.getNode(),
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
 * One API call through the engine (authentication, `checkEnvelope`), retried with backoff
 * on 429 and 5xx only; every failure leaves as an explained error.
 */
async function send(
	this: IExecutePaginationFunctions,
	requestData: RequestData,
	query: IDataObject = {},
): Promise<Envelope> {
	const request: RequestData = {
		...requestData,
		options: { ...requestData.options, qs: { ...requestData.options.qs, ...query } },
	};
	for (let attempt = 0; ; attempt++) {
		try {
			const [response] = await this.makeRoutingRequest(request);
			return response.json as Envelope;
		} catch (error) {
			const failure = (error as NodeApiError).context?.pullbay as ApiFailure | undefined;
			if (failure && isRetryable(failure.status) && attempt < MAX_RETRIES) {
				await sleep(retryDelay(attempt, failure.retryAfter));
				continue;
			}
			throw await explainFailure.call(this, error as NodeApiError, request, attempt + 1);
		}
	}
}

function invalidInput(this: IExecuteSingleFunctions, problem: string): NodeOperationError {
	return new NodeOperationError(this.getNode(), problem, {
		description: 'No request was sent, so no credits were spent.',
		itemIndex: this.getItemIndex(),
	});
}

const resolvedHandles = new WeakMap<object, Map<string, Promise<string>>>();

/** The numeric ID behind a handle: one lookup per distinct handle per execution. */
async function resolveUserId(
	this: IExecutePaginationFunctions,
	requestData: RequestData,
	handle: string,
): Promise<string> {
	const execution = this.getContext('node');
	const cache = resolvedHandles.get(execution) ?? new Map<string, Promise<string>>();
	resolvedHandles.set(execution, cache);
	let userId = cache.get(handle);
	if (!userId) {
		const lookup = {
			...requestData,
			options: { ...requestData.options, url: `/tiktok/user/handle/${encodeURIComponent(handle)}`, qs: {} },
		};
		userId = send.call(this, lookup).then((page) => {
			const id = page.data?.[0]?.id;
			if (id === undefined) throw invalidInput.call(this, `The TikTok user @${handle} was not found`);
			return String(id);
		});
		cache.set(handle, userId);
	}
	return await userId;
}

/**
 * Checks and normalizes the item's inputs, then fills `{parameterName}` placeholders in the
 * operation's URL, so the URLs in the descriptions read like the API reference.
 */
async function prepareRequest(
	this: IExecutePaginationFunctions,
	requestData: RequestData,
): Promise<RequestData> {
	const qs: IDataObject = { ...requestData.options.qs };
	for (const key of Object.keys(qs)) {
		const value = String(qs[key] ?? '').trim();
		if (OPTIONAL_QUERY.includes(key) && value === '') delete qs[key];
		else if (key === 'keyword' || key === 'url' || key === 'region') {
			const checked = checkInput(key, qs[key]);
			if ('problem' in checked) throw invalidInput.call(this, checked.problem);
			qs[key] = checked.value;
		} else qs[key] = value;
	}

	const path: Record<string, string> = {};
	const url = requestData.options.url ?? '';
	for (const [, name] of url.matchAll(PATH_PLACEHOLDER)) {
		const checked = checkInput(name, this.getNodeParameter(name, ''));
		if ('problem' in checked) throw invalidInput.call(this, checked.problem);
		path[name] = checked.value;
	}
	if (path.userId !== undefined && !USER_ID_PATTERN.test(path.userId)) {
		path.userId = await resolveUserId.call(this, requestData, path.userId);
	}

	return {
		...requestData,
		options: {
			...requestData.options,
			qs,
			url: url.replace(PATH_PLACEHOLDER, (_match, name: string) => encodeURIComponent(path[name])),
		},
	};
}

function toItems(this: IExecuteSingleFunctions, results: IDataObject[] | undefined): INodeExecutionData[] {
	const item = this.getItemIndex();
	return (results ?? []).map((json) => ({ json, pairedItem: { item } }));
}

/** With Continue On Fail, a failed input item becomes one error item paired to it. */
async function orErrorItem(
	this: IExecutePaginationFunctions,
	work: () => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	try {
		return await work();
	} catch (error) {
		if (!this.continueOnFail()) {
			// Both constructors hand back an error of their own class unchanged.
			if (error instanceof NodeApiError) throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			throw new NodeOperationError(this.getNode(), error as Error);
		}
		return [
			{
				json: {},
				error: error as NodeApiError | NodeOperationError,
				pairedItem: { item: this.getItemIndex() },
			},
		];
	}
}

/**
 * Runs a single-object operation. The engine's pagination hook is the one place a
 * declarative node controls how its request is sent, so retries and error items live here.
 */
export async function getOne(
	this: IExecutePaginationFunctions,
	requestData: RequestData,
): Promise<INodeExecutionData[]> {
	return await orErrorItem.call(this, async () => {
		const page = await send.call(this, await prepareRequest.call(this, requestData));
		return toItems.call(this, page.data);
	});
}

interface ListSettings {
	limit: number;
	maxPages: number;
	startCursor?: string;
}

function readListSettings(this: IExecutePaginationFunctions): ListSettings {
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const check = (label: string, raw: unknown) => {
		const checked = checkPositiveInteger(label, raw);
		if ('problem' in checked) throw invalidInput.call(this, checked.problem);
		return checked.value;
	};
	const startCursor = String(options.cursor ?? '').trim();
	return {
		limit: returnAll ? Infinity : check('Limit', this.getNodeParameter('limit', 50)),
		maxPages: options.maxPages === undefined ? Infinity : check('Max Pages', options.maxPages),
		startCursor: startCursor || undefined,
	};
}

export interface PaginationStop {
	reason: 'repeatedCursor' | 'missingCursor' | 'emptyPage' | 'maxPages';
	message: string;
	pages: number;
	nextCursor?: string;
}

const STOP_MESSAGES: Record<PaginationStop['reason'], string> = {
	repeatedCursor: 'Pullbay returned a cursor it had already returned in this pull; paging stopped to avoid repeating results',
	missingCursor: 'Pullbay said more results exist but sent no cursor to fetch them; paging stopped',
	emptyPage: 'Pullbay returned a page with no new results while saying more exist; paging stopped',
	maxPages: 'Max Pages was reached while more results exist; set Options → Start Cursor to nextCursor to continue',
};

/** Adds the page number and what was collected to an error on a later page of a pull. */
function failedOnPage(error: NodeApiError, page: number, collected: number, cursor: string): void {
	error.message = `${error.message} [page ${page}; ${collected} results from earlier pages were not returned]`;
	error.description = `${error.description ?? ''} To resume from the failed page, set Options → Start Cursor to ${cursor}.`.trim();
}

async function followCursor(
	this: IExecutePaginationFunctions,
	request: RequestData,
	{ limit, maxPages, startCursor }: ListSettings,
): Promise<INodeExecutionData[]> {
	const results: INodeExecutionData[] = [];
	const seenIds = new Set<unknown>();
	const usedCursors = new Set<string>();
	let cursor = startCursor;
	let pages = 0;
	let stop: Omit<PaginationStop, 'message' | 'pages'> | undefined;

	for (;;) {
		if (cursor) usedCursors.add(cursor);
		let page: Envelope;
		try {
			page = await send.call(this, request, cursor ? { cursor } : {});
		} catch (error) {
			if (pages > 0) failedOnPage(error as NodeApiError, pages + 1, results.length, cursor!);
			throw new NodeApiError(this.getNode(), error as JsonObject);
		}
		pages++;

		const fresh = (page.data ?? []).filter((result) => result.id === undefined || !seenIds.has(result.id));
		const taken = fresh.slice(0, limit - results.length);
		for (const result of taken) seenIds.add(result.id);
		results.push(...toItems.call(this, taken));

		const next = page.pagination?.cursor ?? undefined;
		if (results.length >= limit || !page.pagination?.hasNextPage) break;
		if (fresh.length === 0) stop = { reason: 'emptyPage' };
		else if (!next) stop = { reason: 'missingCursor' };
		else if (usedCursors.has(next)) stop = { reason: 'repeatedCursor' };
		else if (pages >= maxPages) stop = { reason: 'maxPages', nextCursor: next };
		if (stop) break;
		cursor = next;
	}

	if (stop) {
		const report: PaginationStop = { ...stop, message: STOP_MESSAGES[stop.reason], pages };
		this.logger.warn(`Pullbay TikTok: ${report.message} (after ${pages} pages)`);
		const last = results[results.length - 1];
		if (last) last.json = { ...last.json, paginationStop: { ...report } };
	}
	return results;
}

/**
 * Runs a list operation. `maxItems` answers a Limit up to the endpoint's cap in one request;
 * a larger Limit, Return All or a Start Cursor follows `pagination.cursor`. The API rejects
 * `maxItems` and `cursor` together, so a request never carries both.
 */
export function paginateWithCursor(maxItemsCap: number) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: RequestData,
	): Promise<INodeExecutionData[]> {
		return await orErrorItem.call(this, async () => {
			const settings = readListSettings.call(this);
			const request = await prepareRequest.call(this, requestData);
			if (settings.limit <= maxItemsCap && !settings.startCursor) {
				const page = await send.call(this, request, { maxItems: settings.limit });
				return toItems.call(this, page.data?.slice(0, settings.limit));
			}
			return await followCursor.call(this, request, settings);
		});
	};
}
