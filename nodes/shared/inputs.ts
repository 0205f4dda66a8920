/**
 * What users paste into the node, turned into what the API takes, and checked against the
 * API's documented bounds so that a bad value fails before any request costs credits.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

interface InputRule {
	/** The field's display name, used in messages. */
	label: string;
	/** What the field accepts, completing "expected …". */
	expected: string;
	normalize: (value: string) => string;
	isValid: (value: string) => boolean;
	/** The API's query parameter, for a field sent in the query string rather than the path. */
	query?: string;
	/** Whether an empty value means "not set" (the parameter is left out) rather than an error. */
	optional?: boolean;
}

const lengthBetween = (min: number, max: number) => (value: string) =>
	value.length >= min && value.length <= max;

/** `tiktok`, `@tiktok`, `tiktok.com/@tiktok`, `https://www.tiktok.com/@tiktok/video/1?lang=en` → `tiktok`. */
function normalizeHandle(value: string): string {
	const fromUrl = /tiktok\.com\/@([^/?#\s]+)/i.exec(value)?.[1];
	return (fromUrl ?? value).replace(/^@/, '');
}

/** A numeric ID, or the `/video/<digits>` or `/photo/<digits>` part of a TikTok URL. */
function normalizePostId(value: string): string {
	return /\/(?:video|photo)\/(\d+)/.exec(value)?.[1] ?? value;
}

/** `fyp`, `#fyp`, `https://www.tiktok.com/tag/fyp` → `fyp`. */
function normalizeHashtag(value: string): string {
	const fromUrl = /tiktok\.com\/tag\/([^/?#\s]+)/i.exec(value)?.[1];
	return fromUrl ? decodeURIComponent(fromUrl) : value.replace(/^#/, '');
}

const isHttpUrl = (value: string) => {
	try {
		return ['http:', 'https:'].includes(new URL(value).protocol);
	} catch {
		return false;
	}
};

const unchanged = (value: string) => value;

const USER_ID_PATTERN = /^\d{1,100}$/;

/**
 * User ID accepts a numeric ID or a handle. Bare digits are an ID; anything else, `@1234567`
 * included (the `@` says it is a handle), is normalized to `@handle`.
 */
const normalizeUserId = (value: string) => (USER_ID_PATTERN.test(value) ? value : `@${normalizeHandle(value)}`);

/** The handle in a normalized User ID, or undefined for a numeric ID. */
export const handleIn = (userId: string) => (userId.startsWith('@') ? userId.slice(1) : undefined);

/** Every field a user fills in, by node parameter name. */
export const INPUT_RULES: Record<string, InputRule> = {
	username: {
		label: 'Username',
		expected: 'a TikTok handle of 1 to 100 characters, such as tiktok, @tiktok or https://www.tiktok.com/@tiktok',
		normalize: normalizeHandle,
		isValid: lengthBetween(1, 100),
	},
	userId: {
		label: 'User ID',
		expected:
			'a numeric user ID such as 107955, or a handle such as @tiktok or https://www.tiktok.com/@tiktok',
		normalize: normalizeUserId,
		isValid: (value) => USER_ID_PATTERN.test(value) || (value.length >= 2 && value.length <= 101),
	},
	postId: {
		label: 'Post ID',
		expected:
			'a numeric post ID of 1 to 50 digits such as 7636131611674692894, or a TikTok video URL, which contains /video/ followed by the ID',
		normalize: normalizePostId,
		isValid: (value) => /^\d{1,50}$/.test(value),
	},
	commentId: {
		label: 'Comment ID',
		expected: 'a comment ID of 1 to 100 characters, such as 7636187917325304607',
		normalize: unchanged,
		isValid: lengthBetween(1, 100),
	},
	hashtagName: {
		label: 'Hashtag Name',
		expected: 'a hashtag of 1 to 100 characters, such as fyp, #fyp or https://www.tiktok.com/tag/fyp',
		normalize: normalizeHashtag,
		isValid: lengthBetween(1, 100),
	},
	postUrl: {
		label: 'Post URL',
		query: 'url',
		expected: 'an http(s) URL of at most 2048 characters, such as https://www.tiktok.com/@tiktok/video/7636131611674692894',
		normalize: unchanged,
		isValid: (value) => value.length <= 2048 && isHttpUrl(value),
	},
	keyword: {
		label: 'Keyword',
		query: 'keyword',
		expected: 'a search term of 1 to 100 characters, such as cooking hacks',
		normalize: unchanged,
		isValid: lengthBetween(1, 100),
	},
	region: {
		label: 'Region',
		expected: 'a region or country code of 2 to 5 characters, such as US',
		normalize: unchanged,
		isValid: lengthBetween(2, 5),
		query: 'region',
		optional: true,
	},
	// Pullbay documents no values for these two, so any text is passed on.
	dateRange: { label: 'Date Range', expected: 'text', normalize: unchanged, isValid: () => true, query: 'dateRange', optional: true },
	sortType: { label: 'Sort Type', expected: 'text', normalize: unchanged, isValid: () => true, query: 'sortType', optional: true },
};

const RULE_BY_QUERY = new Map(
	Object.values(INPUT_RULES)
		.filter((rule) => rule.query !== undefined)
		.map((rule) => [rule.query!, rule]),
);

const invalid = (node: INode, problem: string, itemIndex?: number) =>
	new NodeOperationError(node, problem, {
		description: 'No request was sent, so no credits were spent.',
		itemIndex,
	});

function checked(node: INode, rule: InputRule, raw: unknown, itemIndex?: number): string {
	if (typeof raw === 'number' && Number.isInteger(raw) && !Number.isSafeInteger(raw)) {
		// Past 2^53 a number cannot hold every digit: 7636131611674692894 arrives as 7636131611674693000.
		throw invalid(
			node,
			`Invalid ${rule.label} ${String(raw)}: it arrived as a number too large to keep all its digits, so the last ones were lost. Pass IDs as text (e.g. format the Google Sheets column as plain text).`,
			itemIndex,
		);
	}
	const received = raw === undefined || raw === null ? '' : String(raw);
	const value = rule.normalize(received.trim());
	if (rule.isValid(value)) return value;
	throw invalid(node, `Invalid ${rule.label} ${JSON.stringify(received)}: expected ${rule.expected}`, itemIndex);
}

/** The normalized value of a field; otherwise an error naming the field, the value received and what is allowed. */
export const validInput = (node: INode, name: string, raw: unknown, itemIndex?: number) =>
	checked(node, INPUT_RULES[name], raw, itemIndex);

/**
 * A query string with each field's value checked and normalized, and optional fields left
 * empty dropped. Keys that are not fields (`maxItems`, `cursor`) pass through unchanged.
 */
export function validQuery(node: INode, qs: IDataObject, itemIndex?: number): IDataObject {
	const valid: IDataObject = {};
	for (const [key, raw] of Object.entries(qs)) {
		const rule = RULE_BY_QUERY.get(key);
		if (!rule) valid[key] = raw;
		else if (!(rule.optional && String(raw ?? '').trim() === '')) valid[key] = checked(node, rule, raw, itemIndex);
	}
	return valid;
}

/** For Limit and page counts: a whole number of at least 1. */
export function validCount(node: INode, label: string, raw: unknown, itemIndex?: number): number {
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
	throw invalid(node, `Invalid ${label} ${JSON.stringify(raw)}: expected a whole number of at least 1`, itemIndex);
}
