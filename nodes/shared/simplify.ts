import type { IDataObject } from 'n8n-workflow';

/** What an operation returns, for Output. */
export type ResultKind = 'user' | 'post' | 'comment' | 'hashtag';

const nested = (value: unknown): IDataObject =>
	value !== null && typeof value === 'object' ? (value as IDataObject) : {};

/** The handful of fields people map into Slack, Sheets and AI agents. */
export const SIMPLIFIERS: Record<ResultKind, (result: IDataObject) => IDataObject> = {
	post: (post) => ({
		id: post.id,
		url: post.postPage,
		title: post.title,
		authorUsername: nested(post.channel).username,
		uploadedAt: post.uploadedAtFormatted,
		views: post.views,
		likes: post.likes,
		comments: post.comments,
		shares: post.shares,
		bookmarks: post.bookmarks,
	}),
	comment: (comment) => ({
		id: comment.id,
		text: comment.text,
		authorUsername: nested(comment.user).username,
		likes: comment.likeCount,
		replies: comment.replyCount,
		createdAt: comment.createdAt,
	}),
	user: (user) => ({
		id: user.id,
		username: user.username,
		nickname: user.nickname,
		followers: user.followers,
		likes: user.likes,
		videos: user.videos,
		verified: user.verified,
		url: user.url,
	}),
	hashtag: (hashtag) => ({ id: hashtag.id, name: hashtag.name, views: hashtag.views }),
};

export const SIMPLIFIED_FIELDS: Record<ResultKind, string> = {
	post: 'ID, URL, title, author username, upload time (ISO), views, likes, comments, shares and bookmarks',
	comment: 'ID, text, author username, likes, replies and creation time',
	user: 'ID, username, nickname, followers, likes, videos, verified and profile URL',
	hashtag: 'ID, name and views',
};

/** The top-level fields of each result, as the API reference lists them, for Output → Selected Fields. */
export const RESULT_FIELDS: Record<ResultKind, string[]> = {
	user: ['id', 'username', 'nickname', 'url', 'bio', 'bioUrl', 'avatar', 'verified', 'profileCategory', 'followers', 'following', 'likes', 'videos'],
	post: [
		'id', 'title', 'postPage', 'uploadedAt', 'uploadedAtFormatted', 'views', 'likes', 'comments', 'shares', 'bookmarks',
		'poi', 'channel', 'collabInfo', 'video', 'song', 'hashtags', 'subtitleInformation',
	],
	comment: ['id', 'parentId', 'awemeId', 'text', 'createdAt', 'likeCount', 'replyCount', 'commentLanguage', 'isAuthorLiked', 'user'],
	hashtag: ['id', 'name', 'views'],
};

/** The ID and the chosen fields a result has, in that order; fields it lacks are left out. */
export function selectFields(result: IDataObject, fields: string[]): IDataObject {
	const selected: IDataObject = {};
	for (const field of ['id', ...fields]) {
		if (field in result) selected[field] = result[field];
	}
	return selected;
}
