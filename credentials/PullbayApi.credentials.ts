import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { BASE_URL_EXPRESSION } from '../nodes/shared/transport';

export class PullbayApi implements ICredentialType {
	name = 'pullbayApi';

	displayName = 'Pullbay API';

	icon: Icon = {
		light: 'file:../nodes/PullbayTikTok/pullbay.svg',
		dark: 'file:../nodes/PullbayTikTok/pullbay.dark.svg',
	};

	documentationUrl = 'https://github.com/pullbay/n8n-nodes-pullbay#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Your Pullbay API key, from the Pullbay dashboard',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://dashboard.pullbay.com/api',
			required: true,
			description: 'Change only to route requests through a proxy',
		},
		{
			displayName:
				'Testing this credential makes one real API call (Get Hashtag "fyp"), which Pullbay may bill like any other request',
			name: 'testNotice',
			type: 'notice',
			default: '',
		},
	];

	// A function rather than a generic block: n8n evaluates a generic block's expressions on
	// every request, which profiling showed as the largest per-page cost of a long pull.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		requestOptions.headers = { ...requestOptions.headers, Authorization: `Bearer ${credentials.apiKey}` };
		return requestOptions;
	}

	// The hashtag lookup is the smallest response the API has.
	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/tiktok/hashtag/handle/fyp',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: false,
					message: 'Pullbay answered, but did not accept this API key',
				},
			},
		],
	};
}
