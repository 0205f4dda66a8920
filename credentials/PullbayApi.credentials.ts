import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { apiKeyOf, BASE_URL_EXPRESSION } from '../nodes/shared/transport';

export class PullbayApi implements ICredentialType {
	name = 'pullbayApi';

	displayName = 'Pullbay API';

	icon: Icon = {
		light: 'file:../nodes/PullbayTikTok/pullbay.svg',
		dark: 'file:../nodes/PullbayTikTok/pullbay.dark.svg',
	};

	// No #fragment: n8n appends tracking parameters to documentation links, which would break it.
	documentationUrl = 'https://github.com/pullbay/n8n-nodes-pullbay/blob/main/docs/credentials.md';

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
				'Testing this credential makes one real request (Hashtag → Get for "fyp"), which Pullbay may bill like any other request',
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
		requestOptions.headers = { ...requestOptions.headers, Authorization: `Bearer ${apiKeyOf(credentials)}` };
		return requestOptions;
	}

	// The hashtag lookup is the smallest response the API has. Error statuses are read as
	// answers (not thrown), so that n8n sends the request once and the rules below can tell a
	// wrong key, an empty account and a Base URL that is not Pullbay apart; the first rule whose
	// value matches gives the message.
	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/tiktok/hashtag/handle/fyp',
			ignoreHttpStatusErrors: true,
			// The key goes to the Base URL only: a redirect fails the test instead.
			disableFollowRedirect: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 401,
					message: 'Pullbay did not accept this API key: copy it again from the Pullbay dashboard',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 402,
					message: 'The API key works, but the Pullbay account is out of credits: top up in the Pullbay dashboard',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: false,
					message:
						'Pullbay did not accept the test request: check the API Key and Base URL, or try again in a minute if Pullbay is busy',
				},
			},
			{
				// Every Pullbay answer has `success`; an HTML page, a redirect or other JSON does not.
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: undefined,
					message:
						'The Base URL answered, but not with a Pullbay response: check the Base URL (https://dashboard.pullbay.com/api)',
				},
			},
		],
	};
}
