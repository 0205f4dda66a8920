import type { INodeProperties } from 'n8n-workflow';

import { ENDPOINTS } from '../../shared/endpoints';
import {
	asQuery,
	maxPagesOption,
	outputFields,
	pagingStopItemOption,
	regionOption,
	returnAllAndLimit,
	startCursorOption,
	userIdField,
	usernameField,
} from '../../shared/fields';
import { endpointRouting } from '../routing';

export const userOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get user',
				description: 'Get a TikTok user profile (followers, likes, bio) by username',
				routing: endpointRouting(ENDPOINTS.userByHandle),
			},
			{
				name: 'Get Posts',
				value: 'getPosts',
				action: 'Get posts of user',
				description: 'Get the posts a TikTok user published, by user ID or username',
				routing: endpointRouting(ENDPOINTS.userPosts),
			},
		],
		default: 'get',
	},
];

export const userFields: INodeProperties[] = [
	usernameField({ resource: ['user'], operation: ['get'] }),
	userIdField({ resource: ['user'], operation: ['getPosts'] }),
	...outputFields({ resource: ['user'], operation: ['get'] }, 'user'),
	...returnAllAndLimit({ resource: ['user'], operation: ['getPosts'] }, ENDPOINTS.userPosts.maxItemsCap),
	...outputFields({ resource: ['user'], operation: ['getPosts'] }, 'post'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['user'], operation: ['getPosts'] } },
		options: [pagingStopItemOption, maxPagesOption, asQuery(regionOption), startCursorOption],
	},
];
