import { NodeHelpers, Workflow, type INode, type INodeParameters, type INodeType, type INodePropertyOptions } from 'n8n-workflow';

import { PullbayTikTok } from '../nodes/PullbayTikTok/PullbayTikTok.node';
import { PullbayTikTokTrigger } from '../nodes/PullbayTikTokTrigger/PullbayTikTokTrigger.node';
import { useFakeApi } from './helpers';

const { api, run } = useFakeApi();

/** The canvas subtitle as the editor computes it: n8n's expression engine over the node's parameters with their defaults. */
function subtitleOf(nodeType: INodeType, parameters: INodeParameters): unknown {
	const node: INode = {
		id: 'n',
		name: 'Node',
		type: nodeType.description.name,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	node.parameters = NodeHelpers.getNodeParameters(nodeType.description.properties, parameters, true, false, node, nodeType.description)!;
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) },
	});
	return workflow.expression.getSimpleParameterValue(node, nodeType.description.subtitle, 'internal', {});
}

describe('what the editor shows', () => {
	const node = new PullbayTikTok();
	const operations = node.description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.options as INodePropertyOptions[]).map((option) => ({
				resource: property.displayOptions!.show!.resource![0] as string,
				operation: option.value as string,
				action: option.action,
			})),
		);

	test.each(operations)('the subtitle of $resource → $operation is its action, "$action"', ({ resource, operation, action }) => {
		expect(subtitleOf(node, { resource, operation })).toBe(action);
	});

	test('a new node (default resource and operation) has the default operation\'s action as subtitle', () => {
		const { properties } = node.description;
		const resource = properties.find((property) => property.name === 'resource')!.default;
		const operation = properties.find(
			(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.[0] === resource,
		)!.default;
		const { action } = operations.find((candidate) => candidate.resource === resource && candidate.operation === operation)!;

		expect(subtitleOf(node, {})).toBe(action);
	});

	test.each([
		['newPostByUser', 'New Post by User'],
		['newPostMatchingSearch', 'New Post Matching Search'],
		['newCommentOnPost', 'New Comment on Post'],
	])('the trigger subtitle of %s is "%s"', (event, name) => {
		expect(subtitleOf(new PullbayTikTokTrigger(), { event })).toBe(name);
	});

	test.each([
		['Post', { resource: 'post', operation: 'get', postId: 'abc' }],
		['User', { resource: 'user', operation: 'get', username: '={{ "x".repeat(101) }}' }],
		['User', { resource: 'user', operation: 'getPosts', userId: '@' }],
		['Hashtag', { resource: 'hashtag', operation: 'get', hashtagName: '#' }],
		['Post URL', { resource: 'post', operation: 'getByUrl', postUrl: 'not a url' }],
		['Keyword', { resource: 'post', operation: 'search', keyword: ' ' }],
		['Region', { resource: 'post', operation: 'get', postId: '1', options: { region: 'U' } }],
		['Limit', { resource: 'post', operation: 'search', keyword: 'cats', limit: 0 }],
	])('the %s message has no angle brackets, which the error popup would swallow as HTML', async (label, parameters) => {
		const { error } = await run(parameters);

		expect(error?.message).toMatch(new RegExp(`^Invalid ${label} `));
		expect(`${error?.message} ${error?.description}`).not.toMatch(/[<>]/);
	});

	test('a check that failed before any request has no error code, rather than "none"', async () => {
		const { error } = await run({ resource: 'post', operation: 'get', postId: 'abc' });

		expect(error?.httpCode ?? null).toBeNull();
		expect(api.requests).toHaveLength(0);
	});

	test('placeholders read as examples, not values', () => {
		const placeholders = [...node.description.properties, ...new PullbayTikTokTrigger().description.properties]
			.flatMap((property) => [property, ...((property.options ?? []) as Array<{ placeholder?: string }>)])
			.map((property) => property.placeholder)
			.filter((placeholder): placeholder is string => placeholder !== undefined && !placeholder.startsWith('Add '));

		expect(placeholders.length).toBeGreaterThan(5);
		expect(placeholders.filter((placeholder) => !placeholder.startsWith('e.g. '))).toEqual([]);
	});
});
