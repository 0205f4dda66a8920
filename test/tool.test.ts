import { NodeHelpers, type INodeProperties, type INodePropertyOptions } from 'n8n-workflow';

import { PullbayTikTok } from '../nodes/PullbayTikTok/PullbayTikTok.node';

const nodeType = new PullbayTikTok();
const { properties } = nodeType.description;

const operations = properties
	.filter((property) => property.name === 'operation')
	.flatMap((property) =>
		(property.options as INodePropertyOptions[]).map((option) => ({
			resource: property.displayOptions?.show?.resource?.[0] as string,
			option,
		})),
	);

describe('usable as an AI Agent tool', () => {
	test.each(operations.map(({ resource, option }) => [`${resource} → ${option.name}`, resource, option]))(
		'%s: n8n builds a tool description the agent can pick it by',
		(_name, resource, option) => {
			const description = NodeHelpers.getToolDescriptionForNode(
				{
					id: 'tool',
					name: 'Pullbay TikTok',
					type: 'n8n-nodes-pullbay.pullbayTikTokTool',
					typeVersion: 1,
					position: [0, 0],
					parameters: { resource, operation: (option as INodePropertyOptions).value },
				},
				nodeType,
			);
			expect(description).toContain((option as INodePropertyOptions).action);
		},
	);

	test('every field and option an agent can fill says what it takes', () => {
		const undescribed = (list: INodeProperties[]): string[] =>
			list.flatMap((property) => [
				...(!['notice', 'collection', 'options'].includes(property.type) && !property.description
					? [property.name]
					: []),
				...(property.type === 'collection' ? undescribed(property.options as INodeProperties[]) : []),
			]);
		expect(undescribed(properties)).toEqual([]);
	});
});
