/**
 * What users paste into the node, turned into what the API takes, and checked against the
 * API's documented bounds so that a bad value fails before any request costs credits.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { isResourceLocatorValue, NodeOperationError } from 'n8n-workflow';

/**
 * One way to give a field that picks one thing (a resource locator mode). The editor checks the
 * value against `checks` before anything runs; at run time the field's `normalize` reads every
 * mode's values, and plain strings saved before the field had modes, the same way.
 */
export interface LocatorMode {
	name: 'username' | 'url' | 'id' | 'name';
	displayName: string;
	placeholder: string;
	/** Patterns the whole value must match (n8n anchors them and adds no flags), each with its message. */
	checks: Array<{ regex: string; errorMessage: string }>;
	/** A link to open the item on TikTok, as an n8n expression of `$value`. */
	url?: string;
}

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
	/**
	 * Why a value cannot be read at all (a short link, broken percent-encoding), completing
	 * "Invalid <Field> "<value>": …"; checked before `normalize`.
	 */
	unreadable?: (value: string) => string | undefined;
	modes?: LocatorMode[];
}

const lengthBetween = (min: number, max: number) => (value: string) =>
	value.length >= min && value.length <= max;

/** A value sent as one path segment: `.` and `..` would move the request to another path. */
const segmentOfLength = (min: number, max: number) => (value: string) =>
	lengthBetween(min, max)(value) && value !== '.' && value !== '..';

/** `vm.tiktok.com/…`, `vt.tiktok.com/…` and `tiktok.com/t/…` links only lead somewhere once TikTok redirects them. */
const SHORT_LINK = /^(?:https?:\/\/)?(?:(?:vm|vt)\.tiktok\.com\/|(?:www\.|m\.)?tiktok\.com\/t\/)/i;

const shortLink = (insteadMessage: string) => (value: string) => (SHORT_LINK.test(value) ? insteadMessage : undefined);

/** Percent-encoding undone once: `caf%C3%A9` → `café`, and `%2525` → `%25`, not `%`. */
const decodedOnce = (value: string) => decodeURIComponent(value);

/** Refuses what `decodedOnce` cannot decode in the part `partOf` picks. */
const malformedEncoding = (partOf: (value: string) => string) => (value: string) => {
	try {
		decodedOnce(partOf(value));
		return undefined;
	} catch {
		return 'its percent-encoding (the %XX sequences) is malformed. Copy the link or name again from TikTok.';
	}
};

/** The handle as written: after `tiktok.com/@` in a link, or the value without its `@`. */
const handlePart = (value: string) => /tiktok\.com\/@([^/?#\s]+)/i.exec(value)?.[1] ?? value.replace(/^@/, '');

/** `tiktok`, `@tiktok`, `tiktok.com/@tiktok`, `https://www.tiktok.com/@tiktok/video/1?lang=en` → `tiktok`. */
const normalizeHandle = (value: string) => decodedOnce(handlePart(value));

/**
 * A numeric ID, or the number in a post link in any form TikTok hands out: `/video/<id>`,
 * `/photo/<id>`, `/embed/<id>`, `/embed/v2/<id>` and `m.tiktok.com/v/<id>.html`, in any case.
 */
function normalizePostId(value: string): string {
	return /\/(?:video|photo|embed(?:\/v2)?|v)\/(\d+)/i.exec(value)?.[1] ?? value;
}

/** The hashtag as written: after `tiktok.com/tag/` in a link, or the value without its `#`. */
const hashtagPart = (value: string) => /tiktok\.com\/tag\/([^/?#\s]+)/i.exec(value)?.[1] ?? value.replace(/^#/, '');

/** `fyp`, `#fyp`, `https://www.tiktok.com/tag/fyp` → `fyp`. */
const normalizeHashtag = (value: string) => decodedOnce(hashtagPart(value));

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

/*
 * The editor's checks. n8n tests each as `^pattern$` with no flags, so letters that TikTok links
 * carry in either case are written as [xX] classes, and surrounding spaces are allowed (trimmed
 * at run time).
 */
const anyCase = (text: string) =>
	text.replace(/[a-z]/g, (letter) => `[${letter}${letter.toUpperCase()}]`).replace(/\./g, '\\.');
const SCHEME = `(?:${anyCase('http')}[sS]?://)?`;
const TIKTOK_HOST = `(?:${anyCase('www.')}|${anyCase('m.')})?${anyCase('tiktok.com')}`;
const TIKTOK = `\\s*${SCHEME}${TIKTOK_HOST}`;
const SHORT = `\\s*${SCHEME}(?:${anyCase('vm.tiktok.com')}|${anyCase('vt.tiktok.com')}|${TIKTOK_HOST}/[tT])/.*`;
/** The rest of a link after what identifies the item: more path, a query or a fragment. */
const REST = '(?:[/?#].*)?';

/** The short-link check comes first; the format check lets short links through, so they get one message. */
function checksFor(format: string, formatMessage: string, shortLinkMessage?: string): LocatorMode['checks'] {
	if (!shortLinkMessage) return [{ regex: `(?:${format})`, errorMessage: formatMessage }];
	return [
		{ regex: `(?!${SHORT}$).*`, errorMessage: shortLinkMessage },
		{ regex: `(?:${SHORT}|${format})`, errorMessage: formatMessage },
	];
}

const USER_SHORT_LINK =
	'Short links (vm.tiktok.com) name a user only once opened: open the link in a browser and copy the profile URL or the handle';
const unreadableUser = (value: string) => shortLink(USER_SHORT_LINK)(value) ?? malformedEncoding(handlePart)(value);
const POST_SHORT_LINK =
	'Short links (vm.tiktok.com) name a post only once opened: use Post → Get by URL with this link, or open it and paste the full URL';

const profileUrlMode: LocatorMode = {
	name: 'url',
	displayName: 'By URL',
	placeholder: 'e.g. https://www.tiktok.com/@tiktok',
	checks: checksFor(
		`${TIKTOK}/@[^/?#\\s]+${REST}`,
		'Enter a TikTok profile or post link with the handle after @, such as https://www.tiktok.com/@tiktok',
		USER_SHORT_LINK,
	),
};
const HANDLE = '\\s*@?[^\\s/?#@]{1,100}\\s*';
const OPEN_PROFILE = '=https://www.tiktok.com/@{{ $value.trim().replace(/^@/, "") }}';

/** Every field a user fills in, by node parameter name. */
export const INPUT_RULES: Record<string, InputRule> = {
	username: {
		label: 'User',
		expected: 'a TikTok username of 1 to 100 characters, such as tiktok, @tiktok or https://www.tiktok.com/@tiktok',
		normalize: normalizeHandle,
		isValid: segmentOfLength(1, 100),
		unreadable: unreadableUser,
		modes: [
			{
				name: 'username',
				displayName: 'By Username',
				placeholder: 'e.g. tiktok',
				checks: checksFor(HANDLE, 'Enter a TikTok handle such as tiktok or @tiktok', USER_SHORT_LINK),
				url: OPEN_PROFILE,
			},
			profileUrlMode,
		],
	},
	userId: {
		label: 'User',
		expected:
			'a numeric user ID such as 107955, or a username such as @tiktok or https://www.tiktok.com/@tiktok',
		normalize: normalizeUserId,
		// Otherwise `@handle`, and the handle is sent as a path segment to look up the ID.
		isValid: (value) => USER_ID_PATTERN.test(value) || segmentOfLength(1, 100)(value.slice(1)),
		// A numeric ID has no percent-encoding, so the handle check covers both.
		unreadable: unreadableUser,
		modes: [
			{
				name: 'username',
				displayName: 'By Username',
				placeholder: 'e.g. tiktok',
				checks: [
					...checksFor(HANDLE, 'Enter a TikTok handle such as tiktok or @tiktok', USER_SHORT_LINK),
					// Bare digits are read as a numeric ID, so an all-digit handle needs its @.
					{
						regex: '(?!\\s*\\d+\\s*$).*',
						errorMessage: 'A handle of only digits needs its @, such as @107955; for a numeric user ID choose By ID',
					},
				],
				url: OPEN_PROFILE,
			},
			profileUrlMode,
			{
				name: 'id',
				displayName: 'By ID',
				placeholder: 'e.g. 107955',
				checks: checksFor('\\s*\\d{1,100}\\s*', 'Enter the numeric user ID, such as 107955, as User → Get returns it'),
			},
		],
	},
	postId: {
		label: 'Post',
		expected:
			'a numeric post ID of 1 to 50 digits such as 7636131611674692894, or a TikTok post link such as https://www.tiktok.com/@tiktok/video/7636131611674692894',
		normalize: normalizePostId,
		isValid: (value) => /^\d{1,50}$/.test(value),
		unreadable: shortLink(POST_SHORT_LINK),
		modes: [
			{
				name: 'url',
				displayName: 'By URL',
				placeholder: 'e.g. https://www.tiktok.com/@tiktok/video/7636131611674692894',
				checks: checksFor(
					`${TIKTOK}/(?:.*/)?(?:${anyCase('video')}|${anyCase('photo')}|${anyCase('embed')}(?:/[vV]2)?|[vV])/\\d{1,50}(?:${anyCase('.html')})?${REST}`,
					'Enter a TikTok post link with /video/ or /photo/ and the post number, such as https://www.tiktok.com/@tiktok/video/7636131611674692894',
					POST_SHORT_LINK,
				),
			},
			{
				name: 'id',
				displayName: 'By ID',
				placeholder: 'e.g. 7636131611674692894',
				checks: checksFor('\\s*\\d{1,50}\\s*', 'Enter the post number of 1 to 50 digits, such as 7636131611674692894'),
				url: '=https://www.tiktok.com/embed/v2/{{ $value.trim() }}',
			},
		],
	},
	commentId: {
		label: 'Comment ID',
		expected: 'a comment ID of 1 to 100 characters, such as 7636187917325304607',
		normalize: unchanged,
		isValid: segmentOfLength(1, 100),
	},
	hashtagName: {
		label: 'Hashtag',
		expected: 'a hashtag of 1 to 100 characters, such as fyp, #fyp or https://www.tiktok.com/tag/fyp',
		normalize: normalizeHashtag,
		isValid: segmentOfLength(1, 100),
		unreadable: malformedEncoding(hashtagPart),
		modes: [
			{
				name: 'name',
				displayName: 'By Name',
				placeholder: 'e.g. fyp',
				checks: checksFor('\\s*#?[^\\s/?#]{1,100}\\s*', 'Enter a hashtag such as fyp or #fyp'),
				url: '=https://www.tiktok.com/tag/{{ encodeURIComponent($value.trim().replace(/^#/, "")) }}',
			},
			{
				name: 'url',
				displayName: 'By URL',
				placeholder: 'e.g. https://www.tiktok.com/tag/fyp',
				checks: checksFor(`${TIKTOK}/${anyCase('tag')}/[^/?#\\s]+${REST}`, 'Enter a TikTok hashtag link such as https://www.tiktok.com/tag/fyp'),
			},
		],
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

/** n8n's guidelines: the message ends with the item it is about; the description says what to do. */
const invalid = (node: INode, problem: string, itemIndex?: number, whatToDo = '') =>
	new NodeOperationError(node, itemIndex === undefined ? problem : `${problem} [item ${itemIndex}]`, {
		description: `${whatToDo} No request was sent, so no credits were spent.`.trim(),
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
	const refuse = (problem: string, whatToDo?: string) =>
		invalid(node, `Invalid ${rule.label} ${JSON.stringify(received)}: ${problem}`, itemIndex, whatToDo);
	const trimmed = received.trim();
	const unreadable = rule.unreadable?.(trimmed);
	if (unreadable) throw refuse(unreadable);
	const value = rule.normalize(trimmed);
	if (rule.isValid(value)) return value;
	throw refuse(`expected ${rule.expected}`, `Change '${rule.label}' to ${rule.expected}.`);
}

/**
 * The normalized value of a field; otherwise an error naming the field, the value received and
 * what is allowed. A resource locator's stored value (`{ __rl, mode, value }`) is read by its
 * value: each mode's format is checked in the editor, and the value itself says what it is.
 */
export function validInput(node: INode, name: string, raw: unknown, itemIndex?: number): string {
	return checked(node, INPUT_RULES[name], isResourceLocatorValue(raw) ? raw.value : raw, itemIndex);
}

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
