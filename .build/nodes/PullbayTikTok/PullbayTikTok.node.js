"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PullbayTikTok = void 0;
const n8n_workflow_1 = require("n8n-workflow");
const descriptions_1 = require("./descriptions");
class PullbayTikTok {
    constructor() {
        this.description = {
            displayName: 'Pullbay TikTok',
            name: 'pullbayTikTok',
            icon: { light: 'file:pullbay.svg', dark: 'file:pullbay.dark.svg' },
            group: ['input'],
            version: 1,
            subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
            description: 'Get public TikTok users, posts, comments and hashtags through the Pullbay API',
            defaults: { name: 'Pullbay TikTok' },
            usableAsTool: true,
            inputs: [n8n_workflow_1.NodeConnectionTypes.Main],
            outputs: [n8n_workflow_1.NodeConnectionTypes.Main],
            credentials: [{ name: 'pullbayApi', required: true }],
            requestDefaults: {
                baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
                headers: { Accept: 'application/json' },
                // Error envelopes are read by checkEnvelope, which knows the API's wording.
                ignoreHttpStatusErrors: true,
            },
            properties: [
                {
                    displayName: 'Resource',
                    name: 'resource',
                    type: 'options',
                    noDataExpression: true,
                    options: [
                        { name: 'Comment', value: 'comment' },
                        { name: 'Hashtag', value: 'hashtag' },
                        { name: 'Post', value: 'post' },
                        { name: 'User', value: 'user' },
                    ],
                    default: 'user',
                },
                ...descriptions_1.userOperations,
                ...descriptions_1.userFields,
                ...descriptions_1.postOperations,
                ...descriptions_1.postFields,
                ...descriptions_1.commentOperations,
                ...descriptions_1.commentFields,
                ...descriptions_1.hashtagOperations,
                ...descriptions_1.hashtagFields,
            ],
        };
    }
}
exports.PullbayTikTok = PullbayTikTok;
