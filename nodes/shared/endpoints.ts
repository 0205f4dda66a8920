/**
 * Every Pullbay TikTok endpoint the node and the trigger call, in one table: the path as the
 * API reference writes it, what it returns, its `maxItems` cap, and what a 404 on it means.
 * `{name}` in a path is filled from the node parameter of that name.
 */
import type { ResultKind } from './simplify';

export interface Endpoint {
	path: string;
	returns: ResultKind;
	/** The largest `maxItems` the endpoint takes in one request; set only on cursor-paginated lists. */
	maxItemsCap?: number;
	/** A Pullbay 404 on this endpoint, in the user's words; given the path values and the query. */
	notFound?: (values: Record<string, string>) => string;
}

export const ENDPOINTS = {
	userByHandle: {
		path: '/tiktok/user/handle/{username}',
		returns: 'user',
		notFound: ({ username }) => `The TikTok user @${username} was not found`,
	},
	userPosts: {
		path: '/tiktok/user/{userId}/posts',
		returns: 'post',
		maxItemsCap: 200,
		notFound: ({ userId }) => `No TikTok user has the ID ${userId}`,
	},
	postById: {
		path: '/tiktok/post/{postId}',
		returns: 'post',
		notFound: ({ postId }) => `The TikTok post ${postId} was not found`,
	},
	postByUrl: {
		path: '/tiktok/post',
		returns: 'post',
		notFound: ({ url }) => `No TikTok post was found at ${url}`,
	},
	postSearch: {
		path: '/tiktok/post/search',
		returns: 'post',
		maxItemsCap: 200,
	},
	comments: {
		path: '/tiktok/post/{postId}/comments',
		returns: 'comment',
		maxItemsCap: 500,
		notFound: ({ postId }) => `The TikTok post ${postId} was not found`,
	},
	replies: {
		path: '/tiktok/post/{postId}/comments/{commentId}/replies',
		returns: 'comment',
		maxItemsCap: 500,
		notFound: ({ postId, commentId }) => `The comment ${commentId} on TikTok post ${postId} was not found`,
	},
	hashtagByName: {
		path: '/tiktok/hashtag/handle/{hashtagName}',
		returns: 'hashtag',
		notFound: ({ hashtagName }) => `The hashtag #${hashtagName} was not found`,
	},
} satisfies Record<string, Endpoint>;

const PATH_PLACEHOLDER = /\{(\w+)\}/g;

/** The parameter names in a path's `{name}` placeholders. */
export const pathParameters = (path: string) => [...path.matchAll(PATH_PLACEHOLDER)].map(([, name]) => name);

/** A path with its `{name}` placeholders replaced by URL-encoded values. */
export const fillPath = (path: string, values: Record<string, string>) =>
	path.replace(PATH_PLACEHOLDER, (_match, name: string) => encodeURIComponent(values[name]));
