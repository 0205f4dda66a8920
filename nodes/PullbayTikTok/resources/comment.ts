import type { INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../../shared/endpoints';
import {
	maxPagesOption,
	outputFields,
	pagingStopItemOption,
	postIdField,
	returnAllAndLimit,
	startCursorOption,
} from '../../shared/fields';
import { endpointRouting } from '../routing';

export const commentOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['comment'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many comments on post',
				description: 'Get the top-level comments on a TikTok post',
				routing: endpointRouting(ENDPOINTS.comments),
			},
			{
				name: 'Get Replies',
				value: 'getReplies',
				action: 'Get replies to comment',
				description: 'Get the replies to one comment on a TikTok post',
				routing: endpointRouting(ENDPOINTS.replies),
			},
		],
		default: 'getAll',
	},
];

export const commentFields: INodeProperties[] = [
	postIdField({ resource: ['comment'], operation: ['getAll', 'getReplies'] }),
	{
		displayName: 'Comment ID',
		name: 'commentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 7636187917325304607',
		description: 'ID of the comment whose replies to get, as returned by Comment → Get Many',
		displayOptions: { show: { resource: ['comment'], operation: ['getReplies'] } },
	},
	...returnAllAndLimit({ resource: ['comment'], operation: ['getAll', 'getReplies'] }, ENDPOINTS.comments.maxItemsCap),
	...outputFields({ resource: ['comment'], operation: ['getAll', 'getReplies'] }, 'comment'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['comment'], operation: ['getAll', 'getReplies'] } },
		options: [pagingStopItemOption, maxPagesOption, startCursorOption],
	},
];
