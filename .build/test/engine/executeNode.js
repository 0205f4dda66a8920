"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.NODE_TYPE = void 0;
exports.executeNode = executeNode;
exports.testCredential = testCredential;
const n8n_core_1 = require("n8n-core");
const n8n_workflow_1 = require("n8n-workflow");
const PullbayApi_credentials_1 = require("../../credentials/PullbayApi.credentials");
const PullbayTikTok_node_1 = require("../../nodes/PullbayTikTok/PullbayTikTok.node");
exports.NODE_TYPE = 'n8n-nodes-pullbay.pullbayTikTok';
const NODE_NAME = 'Pullbay TikTok';
const credentialType = new PullbayApi_credentials_1.PullbayApi();
const nodeTypes = {
    getByName: () => new PullbayTikTok_node_1.PullbayTikTok(),
    getByNameAndVersion: () => new PullbayTikTok_node_1.PullbayTikTok(),
    getKnownTypes: () => ({}),
};
/**
 * Resolves credentials the way n8n's CLI does: a generic `authenticate` block's
 * expressions (`={{$credentials.apiKey}}`) are evaluated against the credential data.
 */
class CredentialsHelper extends n8n_workflow_1.ICredentialsHelper {
    constructor(data) {
        super();
        this.data = data;
        this.getParentTypes = () => [];
        this.isCredentialUsableByNode = () => true;
        this.preAuthentication = async () => undefined;
        this.runPreAuthentication = async () => undefined;
        this.getCredentialsProperties = () => credentialType.properties;
        this.getCredentials = async () => ({});
        this.updateCredentials = async () => { };
        this.updateCredentialsOauthTokenData = async () => { };
    }
    async authenticate(credentials, _typeName, requestOptions, workflow, node) {
        const { authenticate } = credentialType;
        for (const [outerKey, entries] of Object.entries(authenticate.properties)) {
            const target = (requestOptions[outerKey] ??= {});
            for (const [key, value] of Object.entries(entries)) {
                const resolve = (raw) => workflow.expression.getSimpleParameterValue(node, raw, 'internal', {
                    $credentials: credentials,
                });
                target[resolve(key)] = resolve(value);
            }
        }
        return requestOptions;
    }
    async getDecrypted() {
        return { ...this.data };
    }
}
function additionalDataFor(credentials, hooks) {
    const unused = () => {
        throw new Error('Not available in the test engine');
    };
    return {
        credentialsHelper: new CredentialsHelper(credentials),
        hooks,
        executionId: 'test-execution',
        currentNodeExecutionIndex: 0,
        restApiUrl: 'http://localhost:5678/rest',
        instanceBaseUrl: 'http://localhost:5678/',
        formBaseUrl: 'http://localhost:5678/form',
        formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
        formTestBaseUrl: 'http://localhost:5678/form-test',
        webhookBaseUrl: 'http://localhost:5678/webhook',
        webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
        webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
        mcpBaseUrl: 'http://localhost:5678/mcp',
        mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
        variables: {},
        executeWorkflow: unused,
        getRunExecutionData: async () => undefined,
        getRuntimeCredential: async () => undefined,
        logAiEvent: () => { },
        startRunnerTask: unused,
    };
}
/**
 * Runs the Pullbay TikTok node in a one-node workflow through n8n-core's WorkflowExecute,
 * which hands the declarative description to RoutingNode, as n8n does in production.
 */
async function executeNode(options) {
    const node = {
        id: 'pullbay-node',
        name: NODE_NAME,
        type: exports.NODE_TYPE,
        typeVersion: 1,
        position: [0, 0],
        parameters: options.parameters,
        credentials: { pullbayApi: { id: '1', name: 'Pullbay account' } },
        ...(options.onError ? { onError: options.onError } : {}),
    };
    const workflow = new n8n_workflow_1.Workflow({
        id: 'test-workflow',
        nodes: [node],
        connections: {},
        nodeTypes,
        active: false,
        settings: { executionOrder: 'v1' },
    });
    const hooks = new n8n_core_1.ExecutionLifecycleHooks('manual', 'test-execution', {
        id: 'test-workflow',
        name: 'Test',
        active: false,
        isArchived: false,
        nodes: [node],
        connections: {},
        createdAt: new Date(),
        updatedAt: new Date(),
    });
    const finished = new Promise((resolve) => hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)));
    const runExecutionData = (0, n8n_workflow_1.createRunExecutionData)({
        executionData: {
            nodeExecutionStack: [
                { node, data: { main: [options.input ?? [{ json: {} }]] }, source: null },
            ],
        },
    });
    const additionalData = additionalDataFor(options.credentials, hooks);
    await new n8n_core_1.WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
    const run = await finished;
    const task = run.data.resultData.runData[NODE_NAME]?.[0];
    const [items = [], errorItems = []] = task?.data?.main ?? [];
    const nodeError = run.data.resultData.error;
    return {
        items: (items ?? []),
        errorItems: (errorItems ?? []),
        error: nodeError
            ? {
                message: nodeError.message,
                description: nodeError.description,
                httpCode: nodeError.httpCode,
            }
            : undefined,
        hints: task?.hints ?? [],
        run,
    };
}
/**
 * Runs the credential's `test` request as n8n's credential tester does: a RoutingNode
 * for a node whose only request is the test request, authenticated by the credential.
 */
async function testCredential(credentials) {
    const { request, rules } = credentialType.test;
    const testNodeType = {
        description: {
            displayName: 'Credential test',
            name: 'credentialTest',
            group: ['input'],
            version: 1,
            description: '',
            defaults: {},
            inputs: ['main'],
            outputs: ['main'],
            credentials: [{ name: credentialType.name, required: true }],
            requestDefaults: request,
            properties: [],
        },
    };
    const node = {
        id: 'credential-test',
        name: 'Credential test',
        type: 'credentialTest',
        typeVersion: 1,
        position: [0, 0],
        parameters: {},
    };
    const workflow = new n8n_workflow_1.Workflow({
        nodes: [node],
        connections: {},
        active: false,
        nodeTypes: { ...nodeTypes, getByNameAndVersion: () => testNodeType },
    });
    const hooks = new n8n_core_1.ExecutionLifecycleHooks('internal', 'credential-test', {});
    const additionalData = additionalDataFor(credentials, hooks);
    const runExecutionData = (0, n8n_workflow_1.createRunExecutionData)();
    const context = new n8n_core_1.ExecuteContext(workflow, node, additionalData, 'internal', runExecutionData, 0, [{ json: {} }], { main: [[{ json: {} }]] }, { node, data: { main: [[{ json: {} }]] }, source: null }, []);
    const routingNode = new n8n_core_1.RoutingNode(context, testNodeType, {
        id: 'test',
        name: 'test',
        type: credentialType.name,
        data: credentials,
    });
    try {
        const [output] = (await routingNode.runNode());
        for (const rule of rules ?? []) {
            if (rule.type !== 'responseSuccessBody')
                continue;
            const body = output[0]?.json ?? {};
            if (body[rule.properties.key] === rule.properties.value) {
                return { ok: false, message: rule.properties.message };
            }
        }
        return { ok: true, message: 'Connection tested successfully' };
    }
    catch (error) {
        return { ok: false, message: error.message };
    }
}
