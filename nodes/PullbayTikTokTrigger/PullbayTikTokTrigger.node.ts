import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import {
	dateRangeOption,
	keywordField,
	postIdField,
	regionOption,
	sortTypeOption,
	userIdField,
} from '../shared/fields';
import { pollNewResults } from './poll';

const EVENT_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'New Comment on Post',
		value: 'newCommentOnPost',
		description: 'A new top-level comment on one post',
	},
	{
		name: 'New Post by User',
		value: 'newPostByUser',
		description: 'A user publishes a post',
	},
	{
		name: 'New Post Matching Search',
		value: 'newPostMatchingSearch',
		description: 'A post appears in the results of a keyword search',
	},
];

export class PullbayTikTokTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pullbay TikTok Trigger',
		name: 'pullbayTikTokTrigger',
		icon: { light: 'file:../PullbayTikTok/pullbay.svg', dark: 'file:../PullbayTikTok/pullbay.dark.svg' },
		group: ['trigger'],
		version: 1,
		// The event's name ("New Post by User"), not its internal value.
		subtitle: `={{ ${JSON.stringify(Object.fromEntries(EVENT_OPTIONS.map((option) => [option.value, option.name])))}[$parameter["event"]] }}`,
		description:
			'Starts the workflow when a TikTok user posts, a search finds new posts, or a post gets new comments',
		defaults: { name: 'Pullbay TikTok Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'pullbayApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: EVENT_OPTIONS,
				default: 'newPostMatchingSearch',
			},
			userIdField({ event: ['newPostByUser'] }),
			keywordField({ event: ['newPostMatchingSearch'] }),
			postIdField({ event: ['newCommentOnPost'] }),
			{
				displayName: `Each poll returns each new result once, oldest first; search results and comments count as new for 24 hours after their time. Activating the workflow records what exists now and returns nothing; a manual test returns the latest results.`,
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{ ...dateRangeOption, displayOptions: { show: { '/event': ['newPostMatchingSearch'] } } },
					{
						displayName: 'Max New Results Per Poll',
						name: 'maxResults',
						type: 'number',
						default: 50,
						typeOptions: { minValue: 1 },
						description: 'Return at most this many new results per poll, oldest first; the rest are returned by the next polls',
					},
					{
						displayName: 'Max Pages Per Poll',
						name: 'maxPages',
						type: 'number',
						default: 3,
						typeOptions: { minValue: 1 },
						description:
							'Request at most this many pages per poll. New Post by User stops at posts it has seen, so a quiet poll costs one request; search and comments are ordered by relevance, so every poll reads up to this many pages.',
					},
					{
						...regionOption,
						displayOptions: { show: { '/event': ['newPostByUser', 'newPostMatchingSearch'] } },
					},
					{ ...sortTypeOption, displayOptions: { show: { '/event': ['newPostMatchingSearch'] } } },
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollNewResults.call(this);
	}
}
