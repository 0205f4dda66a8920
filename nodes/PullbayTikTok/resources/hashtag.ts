import type { INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../../shared/endpoints';
import { simplifyField } from '../../shared/fields';
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
				action: 'Get a hashtag',
				description: 'Get a TikTok hashtag and its total views by name',
				routing: endpointRouting(ENDPOINTS.hashtagByName),
			},
		],
		default: 'get',
	},
];

export const hashtagFields: INodeProperties[] = [
	{
		displayName: 'Hashtag Name',
		name: 'hashtagName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. fyp',
		description: 'Hashtag of 1 to 100 characters: fyp, #fyp, or a tag URL such as https://www.tiktok.com/tag/fyp',
		displayOptions: { show: { resource: ['hashtag'], operation: ['get'] } },
	},
	simplifyField({ resource: ['hashtag'], operation: ['get'] }, 'hashtag'),
];
