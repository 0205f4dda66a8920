import type { INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../../shared/endpoints';
import { hashtagField, outputFields } from '../../shared/fields';
import { endpointRouting } from '../routing';

export const hashtagOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['hashtag'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get hashtag',
				description: 'Get a TikTok hashtag and its total views by name',
				routing: endpointRouting(ENDPOINTS.hashtagByName),
			},
		],
		default: 'get',
	},
];

export const hashtagFields: INodeProperties[] = [
	hashtagField({ resource: ['hashtag'], operation: ['get'] }),
	...outputFields({ resource: ['hashtag'], operation: ['get'] }, 'hashtag'),
];
