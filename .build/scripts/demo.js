"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const executeNode_1 = require("../test/engine/executeNode");
const server_1 = require("../test/fake-api/server");
function parseParameters(args) {
    const parameters = {};
    for (const arg of args) {
        const [path, ...rest] = arg.split('=');
        const raw = rest.join('=');
        const value = raw === 'true' ? true : raw === 'false' ? false : /^\d+$/.test(raw) && path === 'limit' ? Number(raw) : raw;
        const [head, tail] = path.split('.');
        if (tail)
            parameters[head] = { ...(parameters[head] ?? {}), [tail]: value };
        else
            parameters[head] = value;
    }
    return parameters;
}
async function main() {
    const args = process.argv.slice(2);
    const apiKey = process.env.PULLBAY_API_KEY;
    let fake;
    let baseUrl = process.env.PULLBAY_BASE_URL ?? 'https://dashboard.pullbay.com/api';
    if (!apiKey) {
        fake = new server_1.FakePullbayApi();
        fake.reset({
            users: [(0, server_1.makeUser)('tiktok', '107955')],
            userPosts: { '107955': (0, server_1.many)(7, '763613161167469289', (id) => (0, server_1.makePost)(id)) },
        });
        baseUrl = await fake.start();
        console.log(`No PULLBAY_API_KEY set: using the local fake API at ${baseUrl}\n`);
    }
    const runs = args.length
        ? [parseParameters(args)]
        : [
            { resource: 'user', operation: 'get', username: 'tiktok' },
            { resource: 'user', operation: 'getPosts', userId: '107955', returnAll: true },
        ];
    let failed = false;
    for (const parameters of runs) {
        const { items, error } = await (0, executeNode_1.executeNode)({
            parameters,
            credentials: { apiKey: apiKey ?? server_1.TEST_API_KEY, baseUrl },
        });
        console.log(`== ${JSON.stringify(parameters)}`);
        if (error) {
            failed = true;
            console.log(`Error: ${error.message}\n${error.description ?? ''}`);
        }
        else {
            console.log(`${items.length} item(s):`);
            for (const item of items)
                console.log(JSON.stringify(item.json));
        }
        if (fake)
            console.log(`Requests the API received: ${fake.requests.map((r) => r.path + '?' + new URLSearchParams(r.query)).join(', ')}`);
        fake?.requests.splice(0);
        console.log();
    }
    await fake?.stop();
    process.exitCode = failed ? 1 : 0;
}
void main();
