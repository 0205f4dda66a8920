import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { BASE_URL_EXPRESSION } from '../shared/transport';
import {
	commentFields,
	commentOperations,
	hashtagFields,
	hashtagOperations,
	postFields,
	postOperations,
	userFields,
	userOperations,
} from './resources';

export class PullbayTikTok implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pullbay TikTok',
		name: 'pullbayTikTok',
		icon: { light: 'file:pullbay.svg', dark: 'file:pullbay.dark.svg' },
		group: ['input'],
		version: 1,
		// The operation's action ("Get posts of user"), not its internal values ("getPosts: user").
		// A literal, as n8n's lint rule wants; test/editor.test.ts checks it against every operation.
		subtitle:
			'={{ {"user:get":"Get user","user:getPosts":"Get posts of user","post:get":"Get post","post:getByUrl":"Get post by URL","post:search":"Search posts","comment:getAll":"Get many comments on post","comment:getReplies":"Get replies to comment","hashtag:get":"Get hashtag"}[$parameter["resource"] + ":" + $parameter["operation"]] }}',
		description: 'Get public TikTok users, posts, comments and hashtags through the Pullbay API',
		defaults: { name: 'Pullbay TikTok' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'pullbayApi', required: true }],
		requestDefaults: {
			baseURL: BASE_URL_EXPRESSION,
			headers: { Accept: 'application/json' },
			// Error envelopes are read by checkEnvelope, which knows the API's wording.
			ignoreHttpStatusErrors: true,
			// The key goes to the Base URL only: a redirect is reported, never followed with it.
			disableFollowRedirect: true,
		},
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Comment', value: 'comment' },
					{ name: 'Hashtag', value: 'hashtag' },
					{ name: 'Post', value: 'post' },
					{ name: 'User', value: 'user' },
				],
				default: 'user',
			},
			...userOperations,
			...userFields,
			...postOperations,
			...postFields,
			...commentOperations,
			...commentFields,
			...hashtagOperations,
			...hashtagFields,
		],
	};
}
