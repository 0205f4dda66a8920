import type { IDisplayOptions, INodeProperties, INodePropertyRouting } from 'n8n-workflow';

import { checkEnvelope, getOne, paginateWithCursor } from '../GenericFunctions';
import { SIMPLIFIED_FIELDS, type ResultKind } from '../SimplifyFunctions';

type Runner = NonNullable<INodePropertyRouting['operations']>['pagination'];

/** `{name}` in the URL is filled from the node parameter of that name, checked and encoded. */
function routing(url: string, run: Runner): INodePropertyRouting {
	return {
		request: { method: 'GET', url },
		send: { paginate: true },
		operations: { pagination: run },
		output: { postReceive: [checkEnvelope] },
	};
}

/** Routing of an endpoint that returns one object. */
export const getOneRouting = (url: string, kind: ResultKind) => routing(url, getOne(kind));

/** Routing of a cursor-paginated endpoint whose `maxItems` accepts at most `maxItemsCap`. */
export const getManyRouting = (url: string, kind: ResultKind, maxItemsCap: number) =>
	routing(url, paginateWithCursor(kind, maxItemsCap));

export function simplifyField(show: IDisplayOptions['show'], kind: ResultKind): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description: `Whether to return only the ${SIMPLIFIED_FIELDS[kind]} instead of the full object`,
		displayOptions: { show },
	};
}

/** Return All and Limit for a list operation; `maxItemsCap` is the API's one-request maximum. */
export function returnAllAndLimit(show: IDisplayOptions['show'], maxItemsCap: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			hint: `Up to ${maxItemsCap} costs one request; more pages through results`,
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/** Sends a field's value as the query parameter `property`. */
export const asQuery = (field: INodeProperties, property = field.name): INodeProperties => ({
	...field,
	routing: { send: { type: 'query', property } },
});

export const regionOption: INodeProperties = {
	displayName: 'Region',
	name: 'region',
	type: 'string',
	default: '',
	placeholder: 'US',
	description: 'Region or country code of 2 to 5 characters, such as US or GB',
};

export const dateRangeOption: INodeProperties = {
	displayName: 'Date Range',
	name: 'dateRange',
	type: 'string',
	default: '',
	description:
		'Date-range filter passed to the API as is. Pullbay documents no fixed values; test a value before relying on it.',
};

export const sortTypeOption: INodeProperties = {
	displayName: 'Sort Type',
	name: 'sortType',
	type: 'string',
	default: '',
	description:
		'Sort order passed to the API as is. Pullbay documents no fixed values; test a value before relying on it.',
};

export function keywordField(show: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'Keyword',
		name: 'keyword',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'cooking hacks',
		description: 'Search term, 1 to 100 characters, such as cooking hacks',
		displayOptions: { show },
	};
}

export function userIdField(show: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '107955',
		description:
			'Numeric TikTok user ID such as 107955 (as returned by User → Get), or a handle such as @tiktok or https://www.tiktok.com/@tiktok. A handle costs one extra lookup request.',
		displayOptions: { show },
	};
}

/** Options every list operation has: a ceiling on requests, and resuming from a saved cursor. */
export const maxPagesOption: INodeProperties = {
	displayName: 'Max Pages',
	name: 'maxPages',
	type: 'number',
	default: 10,
	typeOptions: { minValue: 1 },
	description:
		'Stop after this many requests even if more results exist, a hard ceiling on credits for unattended runs. The last item then carries paginationStop.nextCursor.',
};

export const startCursorOption: INodeProperties = {
	displayName: 'Start Cursor',
	name: 'cursor',
	type: 'string',
	default: '',
	description:
		'Begin from this pagination cursor, saved from an earlier run (paginationStop.nextCursor, or the cursor in an error message). Pages are then fetched by cursor, even for a small Limit.',
};

export function postIdField(show: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'Post ID',
		name: 'postId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '7636131611674692894',
		description:
			'Numeric ID of the TikTok post, such as 7636131611674692894, or a video or photo URL containing it, such as https://www.tiktok.com/@tiktok/video/7636131611674692894',
		displayOptions: { show },
	};
}
