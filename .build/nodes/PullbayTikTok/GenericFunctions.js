"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.fillPathParameters = fillPathParameters;
exports.checkEnvelope = checkEnvelope;
exports.unwrapData = unwrapData;
exports.paginateWithCursor = paginateWithCursor;
const n8n_workflow_1 = require("n8n-workflow");
const PATH_PLACEHOLDER = /\{(\w+)\}/g;
/**
 * Fills `{parameterName}` placeholders in the operation's URL with the node parameter
 * of that name, trimmed and URL-encoded, so URLs read like the API reference.
 */
async function fillPathParameters(requestOptions) {
    requestOptions.url = requestOptions.url.replace(PATH_PLACEHOLDER, (_match, name) => {
        const value = String(this.getNodeParameter(name, '') ?? '').trim();
        if (value === '') {
            throw new n8n_workflow_1.NodeOperationError(this.getNode(), `The parameter "${name}" is empty`, {
                description: 'Enter a value, or check that the expression resolves to one',
                itemIndex: this.getItemIndex(),
            });
        }
        return encodeURIComponent(value);
    });
    return requestOptions;
}
const STATUS_HINTS = {
    400: {
        message: 'Pullbay rejected the request as invalid',
        description: "Check the node's parameters against the field descriptions.",
    },
    401: {
        message: 'Pullbay did not accept the API key',
        description: 'Check the API key in the Pullbay API credential; it may be mistyped or revoked.',
    },
    402: {
        message: 'The Pullbay account is out of credits',
        description: 'Top up credits in the Pullbay dashboard, then run the workflow again.',
    },
    404: {
        message: 'Not found on TikTok',
        description: 'Check the handle, ID or name; the account, post or comment may be private or deleted.',
    },
    429: {
        message: 'Pullbay is rate limiting this API key',
        description: 'Wait a moment, or space requests out with the Retry On Fail setting.',
    },
};
/** Turns an error envelope (any non-2xx, or `success: false`) into a node error. */
async function checkEnvelope(items, response) {
    const body = (typeof response.body === 'object' ? response.body : {});
    if (response.statusCode < 300 && body.success !== false)
        return items;
    const status = response.statusCode < 300 ? (body.status ?? response.statusCode) : response.statusCode;
    const hint = STATUS_HINTS[status] ??
        (status >= 500
            ? {
                message: 'Pullbay had a server error',
                description: 'This is on Pullbay’s side; try again later.',
            }
            : { message: 'Pullbay returned an error', description: '' });
    const apiDetail = [body.message, body.error?.code].filter(Boolean).join(', ');
    // Only the envelope's own fields: never echo request details such as headers.
    const safeBody = {
        status,
        message: body.message ?? null,
        code: body.error?.code ?? null,
    };
    throw new n8n_workflow_1.NodeApiError(this.getNode(), safeBody, {
        message: apiDetail ? `${hint.message} (${apiDetail})` : hint.message,
        description: `${hint.description} HTTP ${status}.`.trim(),
        httpCode: String(status),
        itemIndex: this.getItemIndex(),
    });
}
function toItems(results) {
    const item = this.getItemIndex();
    return (results ?? []).map((json) => ({ json, pairedItem: { item } }));
}
/** One output item per entry of the envelope's `data` array. */
async function unwrapData(items) {
    return items.flatMap((item) => toItems.call(this, item.json.data));
}
/**
 * Pagination for the list endpoints. `maxItems` answers a Limit up to the endpoint's
 * cap in one request; anything larger follows `pagination.cursor`. The API rejects
 * `maxItems` and `cursor` together, so a request never carries both.
 */
function paginateWithCursor(maxItemsCap) {
    return async function (requestData) {
        const returnAll = this.getNodeParameter('returnAll', false);
        const limit = returnAll ? Infinity : this.getNodeParameter('limit', 50);
        const fetchPage = async (query) => {
            const [response] = await this.makeRoutingRequest({
                ...requestData,
                options: { ...requestData.options, qs: { ...requestData.options.qs, ...query } },
            });
            return response.json;
        };
        if (limit <= maxItemsCap) {
            const page = await fetchPage({ maxItems: limit });
            return toItems.call(this, page.data?.slice(0, limit));
        }
        const results = [];
        let cursor;
        do {
            const page = await fetchPage(cursor ? { cursor } : {});
            results.push(...toItems.call(this, page.data?.slice(0, limit - results.length)));
            cursor = page.pagination?.hasNextPage ? (page.pagination.cursor ?? undefined) : undefined;
        } while (cursor && results.length < limit);
        return results;
    };
}
