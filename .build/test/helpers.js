"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ids = void 0;
exports.useFakeApi = useFakeApi;
const executeNode_1 = require("./engine/executeNode");
const server_1 = require("./fake-api/server");
/** Starts one fake Pullbay API for the test file and resets it before each test. */
function useFakeApi() {
    const api = new server_1.FakePullbayApi();
    beforeAll(async () => {
        await api.start();
    });
    afterAll(async () => {
        await api.stop();
    });
    beforeEach(() => api.reset());
    /** Runs the node with these parameters and a credential pointing at the fake API. */
    const run = async (parameters, options = {}) => await (0, executeNode_1.executeNode)({
        parameters,
        credentials: { apiKey: server_1.TEST_API_KEY, baseUrl: api.baseUrl },
        ...options,
    });
    return { api, run };
}
const ids = (items) => items.map((item) => item.json.id);
exports.ids = ids;
