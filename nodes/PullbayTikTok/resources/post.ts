import type { INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../../shared/endpoints';
import {
	asQuery,
	dateRangeOption,
	keywordField,
	maxPagesOption,
	outputFields,
	pagingStopItemOption,
	postIdField,
	regionOption,
	returnAllAndLimit,
	sortTypeOption,
	startCursorOption,
} from '../../shared/fields';
import { endpointRouting } from '../routing';

export const postOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['post'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get post',
				description: 'Get a TikTok post (caption, stats, author) by its ID or video URL',
				routing: endpointRouting(ENDPOINTS.postById),
			},
			{
				name: 'Get by URL',
				value: 'getByUrl',
				action: 'Get post by URL',
				description: 'Get a TikTok post from a link copied from the app or the web',
				routing: endpointRouting(ENDPOINTS.postByUrl),
			},
			{
				name: 'Search',
				value: 'search',
				action: 'Search posts',
				description: 'Search TikTok posts by keyword',
				routing: endpointRouting(ENDPOINTS.postSearch),
			},
		],
		default: 'get',
	},
];

export const postFields: INodeProperties[] = [
	postIdField({ resource: ['post'], operation: ['get'] }),
	asQuery({
		displayName: 'Post URL',
		name: 'postUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://www.tiktok.com/@tiktok/video/7636131611674692894',
		description:
			'Full http(s) URL of the TikTok post, up to 2048 characters, as copied from the app or the web',
		displayOptions: { show: { resource: ['post'], operation: ['getByUrl'] } },
	}),
	asQuery(keywordField({ resource: ['post'], operation: ['search'] })),
	...returnAllAndLimit({ resource: ['post'], operation: ['search'] }, ENDPOINTS.postSearch.maxItemsCap),
	...outputFields({ resource: ['post'], operation: ['get', 'getByUrl', 'search'] }, 'post'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['post'], operation: ['get'] } },
		options: [asQuery(regionOption)],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['post'], operation: ['search'] } },
		options: [
			asQuery(dateRangeOption),
			pagingStopItemOption,
			maxPagesOption,
			asQuery(regionOption),
			asQuery(sortTypeOption),
			startCursorOption,
		],
	},
];
