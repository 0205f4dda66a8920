import type { IDisplayOptions, INodeProperties, INodePropertyRouting } from 'n8n-workflow';

import {
	checkEnvelope,
	fillPathParameters,
	paginateWithCursor,
	unwrapData,
} from '../GenericFunctions';

/** Routing of an endpoint that returns one object; `{name}` in the URL is a node parameter. */
export function getOneRouting(url: string): INodePropertyRouting {
	return {
		request: { method: 'GET', url },
		send: { preSend: [fillPathParameters] },
		output: { postReceive: [checkEnvelope, unwrapData] },
	};
}

/** Routing of a cursor-paginated endpoint whose `maxItems` accepts at most `maxItemsCap`. */
export function getManyRouting(url: string, maxItemsCap: number): INodePropertyRouting {
	return {
		request: { method: 'GET', url },
		send: { paginate: true, preSend: [fillPathParameters] },
		operations: { pagination: paginateWithCursor(maxItemsCap) },
		output: { postReceive: [checkEnvelope] },
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

export const regionOption: INodeProperties = {
	displayName: 'Region',
	name: 'region',
	type: 'string',
	default: '',
	placeholder: 'US',
	description: 'Region or country code of 2 to 5 characters, such as US or GB',
	routing: { send: { type: 'query', property: 'region' } },
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
			'Numeric ID of the TikTok post: the long number in a video URL such as https://www.tiktok.com/@tiktok/video/7636131611674692894',
		displayOptions: { show },
	};
}
