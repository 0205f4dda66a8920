"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.regionOption = void 0;
exports.getOneRouting = getOneRouting;
exports.getManyRouting = getManyRouting;
exports.returnAllAndLimit = returnAllAndLimit;
exports.postIdField = postIdField;
const GenericFunctions_1 = require("../GenericFunctions");
/** Routing of an endpoint that returns one object; `{name}` in the URL is a node parameter. */
function getOneRouting(url) {
    return {
        request: { method: 'GET', url },
        send: { preSend: [GenericFunctions_1.fillPathParameters] },
        output: { postReceive: [GenericFunctions_1.checkEnvelope, GenericFunctions_1.unwrapData] },
    };
}
/** Routing of a cursor-paginated endpoint whose `maxItems` accepts at most `maxItemsCap`. */
function getManyRouting(url, maxItemsCap) {
    return {
        request: { method: 'GET', url },
        send: { paginate: true, preSend: [GenericFunctions_1.fillPathParameters] },
        operations: { pagination: (0, GenericFunctions_1.paginateWithCursor)(maxItemsCap) },
        output: { postReceive: [GenericFunctions_1.checkEnvelope] },
    };
}
/** Return All and Limit for a list operation; `maxItemsCap` is the API's one-request maximum. */
function returnAllAndLimit(show, maxItemsCap) {
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
exports.regionOption = {
    displayName: 'Region',
    name: 'region',
    type: 'string',
    default: '',
    placeholder: 'US',
    description: 'Region or country code of 2 to 5 characters, such as US or GB',
    routing: { send: { type: 'query', property: 'region' } },
};
function postIdField(show) {
    return {
        displayName: 'Post ID',
        name: 'postId',
        type: 'string',
        required: true,
        default: '',
        placeholder: '7636131611674692894',
        description: 'Numeric ID of the TikTok post: the long number in a video URL such as https://www.tiktok.com/@tiktok/video/7636131611674692894',
        displayOptions: { show },
    };
}
