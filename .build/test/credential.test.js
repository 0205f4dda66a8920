"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const executeNode_1 = require("./engine/executeNode");
const helpers_1 = require("./helpers");
const server_1 = require("./fake-api/server");
const { api } = (0, helpers_1.useFakeApi)();
describe('Pullbay API credential test', () => {
    test('a valid key passes with one call to the hashtag lookup', async () => {
        api.data.hashtags = [{ id: '1', name: 'fyp', views: 1 }];
        const result = await (0, executeNode_1.testCredential)({ apiKey: server_1.TEST_API_KEY, baseUrl: api.baseUrl });
        expect(result).toEqual({ ok: true, message: 'Connection tested successfully' });
        expect(api.requests).toHaveLength(1);
        expect(api.requests[0].path).toBe('/api/tiktok/hashtag/handle/fyp');
        expect(api.requests[0].headers.authorization).toBe(`Bearer ${server_1.TEST_API_KEY}`);
    });
    test('a wrong key fails', async () => {
        const result = await (0, executeNode_1.testCredential)({ apiKey: 'wrong', baseUrl: api.baseUrl });
        expect(result.ok).toBe(false);
        expect(api.requests[0].headers.authorization).toBe('Bearer wrong');
    });
});
