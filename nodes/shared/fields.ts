/** Fields the action node and the trigger both show, defined once. */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { INPUT_RULES } from './inputs';
import { SIMPLIFIED_FIELDS, type ResultKind } from './simplify';

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

/** Sends a field's value as the API's query parameter for it (see INPUT_RULES). */
export const asQuery = (field: INodeProperties): INodeProperties => ({
	...field,
	routing: { send: { type: 'query', property: INPUT_RULES[field.name].query ?? field.name } },
});

export const regionOption: INodeProperties = {
	displayName: 'Region',
	name: 'region',
	type: 'string',
	default: '',
	placeholder: 'e.g. US',
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
		placeholder: 'e.g. cooking hacks',
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
		placeholder: 'e.g. 107955 or @tiktok',
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
		placeholder: 'e.g. 7636131611674692894',
		description:
			'Numeric ID of the TikTok post, such as 7636131611674692894, or a video or photo URL containing it, such as https://www.tiktok.com/@tiktok/video/7636131611674692894',
		displayOptions: { show },
	};
}
