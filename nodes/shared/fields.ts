/** Fields the action node and the trigger both show, defined once. */
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { INPUT_RULES } from './inputs';
import { RESULT_FIELDS, SIMPLIFIED_FIELDS, type ResultKind } from './simplify';

/**
 * Output: Simplified, Raw or Selected Fields. It keeps the name and the values of the Simplify
 * switch it replaced (`true` is Simplified, `false` is Raw), so workflows saved with Simplify on
 * or off give the same output and show the matching choice.
 */
export function outputFields(show: IDisplayOptions['show'], kind: ResultKind): INodeProperties[] {
	return [
		{
			displayName: 'Output',
			name: 'simplify',
			type: 'options',
			default: false,
			options: [
				{ name: 'Raw', value: false, description: 'Every field Pullbay returns' },
				{
					name: 'Selected Fields',
					value: 'selectedFields',
					description: 'Only the fields you pick, always with the ID; useful to keep an AI agent\'s context small',
				},
				{ name: 'Simplified', value: true, description: `Only the ${SIMPLIFIED_FIELDS[kind]}` },
			],
			displayOptions: { show },
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'multiOptions',
			default: [],
			description: 'The fields to return; the ID is always returned',
			options: RESULT_FIELDS[kind]
				.filter((field) => field !== 'id')
				.map((field) => ({ name: titleCase(field), value: field }))
				.sort((a, b) => a.name.localeCompare(b.name)),
			displayOptions: { show: { ...show, simplify: ['selectedFields'] } },
		},
	];
}

/** `uploadedAtFormatted` → `Uploaded At Formatted`. */
const titleCase = (field: string) =>
	field.replace(/([A-Z])/g, ' $1').replace(/^./, (first) => first.toUpperCase());

/**
 * A field that picks one user, post or hashtag: a resource locator whose modes come from the
 * field's input rule. The parameter name stays the one plain-text versions of the field used, so
 * saved values, expressions and `$fromAI` keep working.
 */
function locatorField(
	name: string,
	field: Pick<INodeProperties, 'displayName' | 'description'>,
	show: IDisplayOptions['show'],
): INodeProperties {
	const modes = INPUT_RULES[name].modes!;
	return {
		...field,
		name,
		type: 'resourceLocator',
		required: true,
		default: { mode: modes[0].name, value: '' },
		modes: modes.map(({ checks, ...mode }) => ({
			...mode,
			type: 'string',
			validation: checks.map((properties) => ({ type: 'regex', properties })),
		})),
		displayOptions: { show },
	};
}

/** Return All and Limit for a list operation; `maxItemsCap` is the API's one-request maximum. */
export function returnAllAndLimit(show: IDisplayOptions['show'], maxItemsCap: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			hint: `Up to ${maxItemsCap} costs one request; more pages through results`,
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/** Sends a field's value as the API's query parameter for it (see INPUT_RULES). */
export const asQuery = (field: INodeProperties): INodeProperties => ({
	...field,
	routing: { send: { type: 'query', property: INPUT_RULES[field.name].query ?? field.name } },
});

export const regionOption: INodeProperties = {
	displayName: 'Region',
	name: 'region',
	type: 'string',
	default: '',
	placeholder: 'e.g. US',
	description: 'Region or country code of 2 to 5 characters, such as US or GB',
};

export const dateRangeOption: INodeProperties = {
	displayName: 'Date Range',
	name: 'dateRange',
	type: 'string',
	default: '',
	description:
		'Date-range filter passed to the API as is. Pullbay documents no fixed values; test a value before relying on it.',
};

export const sortTypeOption: INodeProperties = {
	displayName: 'Sort Type',
	name: 'sortType',
	type: 'string',
	default: '',
	description:
		'Sort order passed to the API as is. Pullbay documents no fixed values; test a value before relying on it.',
};

export function keywordField(show: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'Keyword',
		name: 'keyword',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. cooking hacks',
		description: 'Search term, 1 to 100 characters, such as cooking hacks',
		displayOptions: { show },
	};
}

export const userIdField = (show: IDisplayOptions['show']) =>
	locatorField(
		'userId',
		{
			displayName: 'User',
			description: 'The TikTok user. By Username and By URL cost one extra request to look up the numeric ID.',
		},
		show,
	);

export const usernameField = (show: IDisplayOptions['show']) =>
	locatorField('username', { displayName: 'User', description: 'The TikTok user to get' }, show);

export const hashtagField = (show: IDisplayOptions['show']) =>
	locatorField('hashtagName', { displayName: 'Hashtag', description: 'The TikTok hashtag to get' }, show);

/**
 * Options every list operation has: a ceiling on requests, resuming from a saved cursor, and
 * an item that says why paging stopped early. Without that item, results stay untouched and
 * the reason goes to n8n's log only: a declarative node's hooks cannot add execution hints.
 */
export const maxPagesOption: INodeProperties = {
	displayName: 'Max Pages',
	name: 'maxPages',
	type: 'number',
	default: 10,
	typeOptions: { minValue: 1 },
	description:
		'Stop after this many requests even if more results exist, a hard ceiling on credits for unattended runs. Turn on Add Paging Stop Item to get the cursor to continue from.',
};

export const startCursorOption: INodeProperties = {
	displayName: 'Start Cursor',
	name: 'cursor',
	type: 'string',
	default: '',
	description:
		'Begin from this pagination cursor, saved from an earlier run (the nextCursor of the paging stop item, or the cursor given when a page could not be read). Pages are then fetched by cursor, even for a small Limit.',
};

export const pagingStopItemOption: INodeProperties = {
	displayName: 'Add Paging Stop Item',
	name: 'pagingStopItem',
	type: 'boolean',
	default: false,
	description:
		'Whether to add one last item, paginationStop, saying why paging stopped while Pullbay had more results and the cursor to continue from. The reason is written to the n8n log either way.',
};

export const postIdField = (show: IDisplayOptions['show']) =>
	locatorField(
		'postId',
		{
			displayName: 'Post',
			description: 'The TikTok post. For a short link (vm.tiktok.com), use Post → Get by URL instead.',
		},
		show,
	);
