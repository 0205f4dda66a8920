"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PullbayApi = void 0;
class PullbayApi {
    constructor() {
        this.name = 'pullbayApi';
        this.displayName = 'Pullbay API';
        this.icon = {
            light: 'file:../nodes/PullbayTikTok/pullbay.svg',
            dark: 'file:../nodes/PullbayTikTok/pullbay.dark.svg',
        };
        this.documentationUrl = 'https://github.com/pullbay/n8n-nodes-pullbay#credentials';
        this.properties = [
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
                displayName: 'Testing this credential makes one real API call (Get Hashtag "fyp"), which Pullbay may bill like any other request',
                name: 'testNotice',
                type: 'notice',
                default: '',
            },
        ];
        this.authenticate = {
            type: 'generic',
            properties: {
                headers: {
                    Authorization: '=Bearer {{$credentials.apiKey}}',
                },
            },
        };
        // The hashtag lookup is the smallest response the API has.
        this.test = {
            request: {
                baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
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
}
exports.PullbayApi = PullbayApi;
