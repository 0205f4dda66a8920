/**
 * How the action node's operations run inside n8n's routing engine: `endpointRouting` builds an
 * operation's routing from the endpoint table, and the hooks below check inputs, send with
 * retries, follow cursors and turn answers into items.
 */
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodePropertyRouting,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ENDPOINTS, fillPath, pathParameters, type Endpoint } from '../shared/endpoints';
import { handleIn, validCount, validInput, validQuery } from '../shared/inputs';
import { SIMPLIFIERS, selectFields, type ResultKind } from '../shared/simplify';
import {
	assertEnvelope,
	CREDENTIAL_TYPE,
	resultKey,
	sendToPullbay,
	userIdFrom,
	type Envelope,
} from '../shared/transport';

type RequestData = DeclarativeRestApiSettings.ResultOptions;

/** A request after `prepareRequest`: the endpoint it calls and the values it was filled with. */
interface Prepared {
	request: RequestData;
	endpoint: Endpoint;
	values: Record<string, string>;
}

/** Runs after every response: only a successful envelope gets through. */
export async function checkEnvelope(
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	assertEnvelope(this.getNode(), response);
	return items;
}

/** What one execution of the node keeps across its items and pages. */
interface ExecutionState {
	/** The credential, read once rather than per page. */
	credentials: Promise<IDataObject>;
	/** Handle (lower case) → numeric user ID. */
	handles: Map<string, Promise<string>>;
}

const executions = new WeakMap<object, ExecutionState>();

function executionState(this: IExecutePaginationFunctions): ExecutionState {
	// The node's context object lives as long as one execution of this node.
	const execution = this.getContext('node');
	let state = executions.get(execution);
	if (!state) {
		state = { credentials: this.getCredentials(CREDENTIAL_TYPE), handles: new Map() };
		executions.set(execution, state);
	}
	return state;
}

/** One API call through the engine (authentication, then `checkEnvelope`), sent as every Pullbay request is. */
async function send(
	this: IExecutePaginationFunctions,
	{ request: requestData, endpoint, values }: Prepared,
	query: IDataObject = {},
): Promise<Envelope> {
	const request: RequestData = {
		...requestData,
		options: { ...requestData.options, qs: { ...requestData.options.qs, ...query } },
	};
	return await sendToPullbay(async () => (await this.makeRoutingRequest(request))[0].json as unknown as Envelope, {
		node: this.getNode(),
		credentials: await executionState.call(this).credentials,
		endpoint,
		values,
		timeoutMs: request.options.timeout,
		itemIndex: this.getItemIndex(),
		execution: { id: this.getExecutionId(), signal: this.getExecutionCancelSignal() },
	});
}

/** The numeric ID behind a handle: one lookup per distinct handle (any case) per execution. */
async function resolveUserId(
	this: IExecutePaginationFunctions,
	requestData: RequestData,
	handle: string,
): Promise<string> {
	const cache = executionState.call(this).handles;
	let userId = cache.get(handle.toLowerCase());
	if (!userId) {
		const endpoint = ENDPOINTS.userByHandle;
		const lookup: Prepared = {
			request: { ...requestData, options: { ...requestData.options, url: fillPath(endpoint.path, { username: handle }), qs: {} } },
			endpoint,
			values: { username: handle },
		};
		userId = send
			.call(this, lookup)
			.then((page) => userIdFrom(this.getNode(), page, handle, this.getItemIndex()));
		cache.set(handle.toLowerCase(), userId);
	}
	return await userId;
}

/**
 * Checks and normalizes the item's inputs, then fills the endpoint's `{parameterName}`
 * placeholders, so the paths in the endpoint table read like the API reference.
 */
async function prepareRequest(
	this: IExecutePaginationFunctions,
	requestData: RequestData,
	endpoint: Endpoint,
): Promise<Prepared> {
	const node = this.getNode();
	const itemIndex = this.getItemIndex();
	const qs = validQuery(node, requestData.options.qs ?? {}, itemIndex);

	const path: Record<string, string> = {};
	for (const name of pathParameters(endpoint.path)) {
		path[name] = validInput(node, name, this.getNodeParameter(name, ''), itemIndex);
	}
	const handle = path.userId === undefined ? undefined : handleIn(path.userId);
	if (handle !== undefined) path.userId = await resolveUserId.call(this, requestData, handle);

	return {
		request: { ...requestData, options: { ...requestData.options, qs, url: fillPath(endpoint.path, path) } },
		endpoint,
		values: { ...(qs as Record<string, string>), ...path },
	};
}

/** Results as items, in the shape Output asks for (see `outputFields`). */
function toItems(
	this: IExecuteSingleFunctions,
	results: IDataObject[],
	kind: ResultKind,
): INodeExecutionData[] {
	const item = this.getItemIndex();
	const output = this.getNodeParameter('simplify', false) as boolean | 'selectedFields';
	const fields = output === 'selectedFields' ? (this.getNodeParameter('fields', []) as string[]) : [];
	const shape =
		output === 'selectedFields'
			? (result: IDataObject) => selectFields(result, fields)
			: output === true
				? SIMPLIFIERS[kind]
				: (result: IDataObject) => result;
	return results.map((json) => ({ json: shape(json), pairedItem: { item } }));
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
			// Re-wrapping hands a NodeApiError back unchanged; it is written here for n8n's lint rule
			// require-node-api-error.
			if (error instanceof NodeApiError) throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			// The routing engine turns any other error into a NodeApiError with the code "none", which
			// the editor shows as "Error code: none"; without a code it shows none at all.
			const { message, description } = error as NodeOperationError;
			throw new NodeApiError(this.getNode(), { message } as JsonObject, {
				message,
				description: description ?? undefined,
				itemIndex: this.getItemIndex(),
			});
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
function getOne(endpoint: Endpoint) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: RequestData,
	): Promise<INodeExecutionData[]> {
		return await orErrorItem.call(this, async () => {
			const page = await send.call(this, await prepareRequest.call(this, requestData, endpoint));
			return toItems.call(this, page.data, endpoint.returns);
		});
	};
}

interface ListSettings {
	limit: number;
	maxPages: number;
	startCursor?: string;
	/** Whether a stop while more results exist is also returned as a last item. */
	pagingStopItem: boolean;
}

function readListSettings(this: IExecutePaginationFunctions): ListSettings {
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const check = (label: string, raw: unknown) => validCount(this.getNode(), label, raw, this.getItemIndex());
	const startCursor = String(options.cursor ?? '').trim();
	return {
		limit: returnAll ? Infinity : check('Limit', this.getNodeParameter('limit', 50)),
		maxPages: options.maxPages === undefined ? Infinity : check('Max Pages', options.maxPages),
		startCursor: startCursor || undefined,
		pagingStopItem: options.pagingStopItem === true,
	};
}

interface PaginationStop {
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
	error.description = `${error.description ?? ''} To resume from that page, set 'Start Cursor' (under Options) to ${cursor}.`.trim();
}

async function followCursor(
	this: IExecutePaginationFunctions,
	request: Prepared,
	kind: ResultKind,
	{ limit, maxPages, startCursor, pagingStopItem }: ListSettings,
): Promise<INodeExecutionData[]> {
	const results: INodeExecutionData[] = [];
	const seen = new Set<string>();
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
			// Hands the error back unchanged (see orErrorItem), for the same lint rule.
			throw new NodeApiError(this.getNode(), error as JsonObject);
		}
		pages++;

		const fresh = page.data.filter((result) => !seen.has(resultKey(result)));
		const taken = fresh.slice(0, limit - results.length);
		for (const result of taken) seen.add(resultKey(result));
		results.push(...toItems.call(this, taken, kind));

		const next = page.pagination?.cursor ?? undefined;
		// Only a real `true` continues: a proxy's "false" string must not page forever.
		if (results.length >= limit || page.pagination?.hasNextPage !== true) break;
		if (fresh.length === 0) stop = { reason: 'emptyPage' };
		else if (!next) stop = { reason: 'missingCursor' };
		else if (usedCursors.has(next)) stop = { reason: 'repeatedCursor' };
		else if (pages >= maxPages) stop = { reason: 'maxPages', nextCursor: next };
		if (stop) break;
		cursor = next;
	}

	if (stop) {
		// Reported beside the results, never inside one: results go on to Sheets rows and messages.
		const report: PaginationStop = { ...stop, message: STOP_MESSAGES[stop.reason], pages };
		const resume = report.nextCursor ? `; next cursor ${report.nextCursor}` : '';
		this.logger.warn(`Pullbay TikTok: ${report.message} (after ${pages} pages, ${results.length} results${resume})`, {
			nodeName: this.getNode().name,
			itemIndex: this.getItemIndex(),
		});
		if (pagingStopItem) results.push({ json: { paginationStop: { ...report } }, pairedItem: { item: this.getItemIndex() } });
	}
	return results;
}

/**
 * Runs a list operation. `maxItems` answers a Limit up to the endpoint's cap in one request;
 * a larger Limit, Return All or a Start Cursor follows `pagination.cursor`. The API rejects
 * `maxItems` and `cursor` together, so a request never carries both.
 */
function paginateWithCursor(endpoint: Endpoint, maxItemsCap: number) {
	return async function (
		this: IExecutePaginationFunctions,
		requestData: RequestData,
	): Promise<INodeExecutionData[]> {
		return await orErrorItem.call(this, async () => {
			const settings = readListSettings.call(this);
			const request = await prepareRequest.call(this, requestData, endpoint);
			if (settings.limit <= maxItemsCap && !settings.startCursor) {
				const page = await send.call(this, request, { maxItems: settings.limit });
				return toItems.call(this, page.data.slice(0, settings.limit), endpoint.returns);
			}
			return await followCursor.call(this, request, endpoint.returns, settings);
		});
	};
}

/**
 * An operation's routing. `send.paginate` is set on single-object Gets too: the pagination
 * hook is the one place where retries and paired error items can wrap a request.
 */
export function endpointRouting(endpoint: Endpoint): INodePropertyRouting {
	const run =
		endpoint.maxItemsCap === undefined ? getOne(endpoint) : paginateWithCursor(endpoint, endpoint.maxItemsCap);
	return {
		request: { method: 'GET', url: endpoint.path },
		send: { paginate: true },
		operations: { pagination: run },
		output: { postReceive: [checkEnvelope] },
	};
}
