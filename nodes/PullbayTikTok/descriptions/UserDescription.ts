import type { INodeProperties } from 'n8n-workflow';

import {
	asQuery,
	getManyRouting,
	getOneRouting,
	maxPagesOption,
	regionOption,
	returnAllAndLimit,
	simplifyField,
	startCursorOption,
	userIdField,
} from './SharedFields';

const POSTS_CAP = 200;

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
				action: 'Get a user',
				description: 'Get a TikTok user profile (followers, likes, bio) by handle',
				routing: getOneRouting('/tiktok/user/handle/{username}', 'user'),
			},
			{
				name: 'Get Posts',
				value: 'getPosts',
				action: 'Get posts of a user',
				description: 'Get the posts a TikTok user published, by user ID or handle',
				routing: getManyRouting('/tiktok/user/{userId}/posts', 'post', POSTS_CAP),
			},
		],
		default: 'get',
	},
];

export const userFields: INodeProperties[] = [
	{
		displayName: 'Username',
		name: 'username',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'tiktok',
		description:
			'TikTok handle of 1 to 100 characters: tiktok, @tiktok, or a profile or video URL such as https://www.tiktok.com/@tiktok',
		displayOptions: { show: { resource: ['user'], operation: ['get'] } },
	},
	userIdField({ resource: ['user'], operation: ['getPosts'] }),
	simplifyField({ resource: ['user'], operation: ['get'] }, 'user'),
	...returnAllAndLimit({ resource: ['user'], operation: ['getPosts'] }, POSTS_CAP),
	simplifyField({ resource: ['user'], operation: ['getPosts'] }, 'post'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['user'], operation: ['getPosts'] } },
		options: [maxPagesOption, asQuery(regionOption), startCursorOption],
	},
];
