import { Container } from '@n8n/di';
import {
	DirectoryLoader,
	ExecuteContext,
	ExecutionLifecycleHooks,
	PollContext,
	RoutingNode,
	TriggersAndPollers,
	WorkflowExecute,
} from 'n8n-core';
import {
	createRunExecutionData,
	ICredentialsHelper,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type IHttpRequestOptions,
	type INode,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowExecuteAdditionalData,
	type NodeExecutionHint,
} from 'n8n-workflow';

import { PullbayApi } from '../../credentials/PullbayApi.credentials';
import { PullbayTikTok } from '../../nodes/PullbayTikTok/PullbayTikTok.node';
import { PullbayTikTokTrigger } from '../../nodes/PullbayTikTokTrigger/PullbayTikTokTrigger.node';

export const NODE_TYPE = 'n8n-nodes-pullbay.pullbayTikTok';
export const TRIGGER_TYPE = 'n8n-nodes-pullbay.pullbayTikTokTrigger';
const NODE_NAME = 'Pullbay TikTok';

const credentialType = new PullbayApi();

/** Loaded once per type, as n8n's loader does. */
const loaded = new Map<string, INodeType>();

/**
 * A node type as n8n hands it over: the loader gives declarative nodes the Request Options
 * collection, and n8n's NodeTypes (packages/cli/src/node-types.ts, 1.x and 2.x) gives them an
 * `execute` that runs RoutingNode in the node's ExecuteContext, which carries the execution's
 * cancel signal. (WorkflowExecute's own fallback for declarative nodes passes no signal.)
 */
function byType(type: string): INodeType {
	const known = loaded.get(type);
	if (known) return known;
	const nodeType: INodeType = type === TRIGGER_TYPE ? new PullbayTikTokTrigger() : new PullbayTikTok();
	DirectoryLoader.applyDeclarativeNodeOptionParameters(nodeType);
	if (type !== TRIGGER_TYPE) {
		nodeType.execute = async function (this: IExecuteFunctions) {
			return (await new RoutingNode(this as ExecuteContext, nodeType).runNode()) ?? [];
		};
	}
	loaded.set(type, nodeType);
	return nodeType;
}

const nodeTypes: INodeTypes = {
	getByName: byType,
	getByNameAndVersion: byType,
	getKnownTypes: () => ({}),
};

/** Authenticates as n8n's CLI does for a credential whose `authenticate` is a function. */
class CredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: ICredentialDataDecryptedObject) {
		super();
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return await credentialType.authenticate(credentials, requestOptions);
	}

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return { ...this.data };
	}

	getParentTypes = () => [];
	isCredentialUsableByNode = () => true;
	preAuthentication = async () => undefined;
	runPreAuthentication = async () => undefined;
	getCredentialsProperties = () => credentialType.properties;
	getCredentials = async () => ({}) as ICredentials;
	updateCredentials = async () => {};
	updateCredentialsOauthTokenData = async () => {};
}

export interface RunOptions {
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	/** Input items of the node; one empty item by default, as after a manual trigger. */
	input?: INodeExecutionData[];
	/** Settings → On Error. */
	onError?: INode['onError'];
	/** The execution's ID; a new one per run unless given, as n8n gives every execution its own. */
	executionId?: string;
	/** Stops the execution when it aborts, as the editor's Stop button does. */
	stop?: AbortSignal;
}

export interface RunResult {
	/** Items on the main output (error output excluded). */
	items: INodeExecutionData[];
	/** Items on the error output, when On Error is "continueErrorOutput". */
	errorItems: INodeExecutionData[];
	/** The node error when the node failed the execution. */
	error?: { message: string; description?: string | null; httpCode?: string | null };
	hints: NodeExecutionHint[];
	run: IRun;
}

let executions = 0;

function additionalDataFor(
	credentials: ICredentialDataDecryptedObject,
	hooks: ExecutionLifecycleHooks,
	executionId = 'test-execution',
): IWorkflowExecuteAdditionalData {
	const unused = () => {
		throw new Error('Not available in the test engine');
	};
	return {
		credentialsHelper: new CredentialsHelper(credentials),
		hooks,
		executionId,
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
		logAiEvent: () => {},
		startRunnerTask: unused,
	} as unknown as IWorkflowExecuteAdditionalData;
}

/**
 * Runs the Pullbay TikTok node in a one-node workflow through n8n-core's WorkflowExecute,
 * which hands the declarative description to RoutingNode, as n8n does in production.
 */
export async function executeNode(options: RunOptions): Promise<RunResult> {
	const node: INode = {
		id: 'pullbay-node',
		name: NODE_NAME,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { pullbayApi: { id: '1', name: 'Pullbay account' } },
		...(options.onError ? { onError: options.onError } : {}),
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: false,
		settings: { executionOrder: 'v1' },
	});

	const executionId = options.executionId ?? `test-execution-${++executions}`;
	const hooks = new ExecutionLifecycleHooks('manual', executionId, {
		id: 'test-workflow',
		name: 'Test',
		active: false,
		isArchived: false,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	const finished = new Promise<IRun>((resolve) =>
		hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)),
	);

	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node, data: { main: [options.input ?? [{ json: {} }]] }, source: null },
			],
		},
	});

	const additionalData = additionalDataFor(options.credentials, hooks, executionId);
	const running = new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(
		workflow,
	);
	// A cancelled run never settles (n8n cancels without rejecting); its end is the hook.
	options.stop?.addEventListener('abort', () => running.cancel(), { once: true });
	const run = await Promise.race([finished, running.then(async () => await finished)]);

	const task = run.data.resultData.runData[NODE_NAME]?.[0];
	const [items = [], errorItems = []] = task?.data?.main ?? [];
	const nodeError = run.data.resultData.error as RunResult['error'] & { httpCode?: string };
	return {
		items: (items ?? []) as INodeExecutionData[],
		errorItems: (errorItems ?? []) as INodeExecutionData[],
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

/** lodash's `get` for a dotted path, as the credential tester reads a rule's key. */
const valueAt = (value: unknown, path: string) =>
	path.split('.').reduce<unknown>((at, key) => (at === null || at === undefined ? undefined : (at as Record<string, unknown>)[key]), value);

/**
 * Runs the credential's `test` request as n8n's credential tester does: a RoutingNode
 * for a node whose only request is the test request, authenticated by the credential.
 */
export async function testCredential(
	credentials: ICredentialDataDecryptedObject,
): Promise<{ ok: boolean; message: string }> {
	const { request, rules } = credentialType.test;
	const testNodeType: INodeType = {
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
	} as INodeType;
	const node: INode = {
		id: 'credential-test',
		name: 'Credential test',
		type: 'credentialTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: { ...nodeTypes, getByNameAndVersion: () => testNodeType },
	});
	const hooks = new ExecutionLifecycleHooks('internal', 'credential-test', {} as never);
	const additionalData = additionalDataFor(credentials, hooks);
	const runExecutionData = createRunExecutionData();
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[{ json: {} }],
		{ main: [[{ json: {} }]] },
		{ node, data: { main: [[{ json: {} }]] }, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, testNodeType, {
		id: 'test',
		name: 'test',
		type: credentialType.name,
		data: credentials,
	});
	// What follows is n8n's CredentialsTester.testCredentials after its runNode call (n8n 1.123 and 2.41).
	let output: INodeExecutionData[];
	try {
		[output] = (await routingNode.runNode()) as INodeExecutionData[][];
	} catch (error) {
		const { cause, message } = error as { cause?: { response?: { status: number; statusText: string }; code?: string }; message: string };
		if (cause?.response) {
			for (const rule of rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === cause.response.status) {
					return { ok: false, message: rule.properties.message };
				}
			}
			if (cause.response.status < 199 || cause.response.status > 299) {
				return { ok: false, message: cause.response.statusText || `Received HTTP status code: ${cause.response.status}` };
			}
		} else if (cause?.code) {
			return { ok: false, message: cause.code };
		}
		return { ok: false, message: String(message) };
	}
	for (const rule of rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		if (valueAt(output[0].json, rule.properties.key) === rule.properties.value) {
			return { ok: false, message: rule.properties.message };
		}
	}
	return { ok: true, message: 'Connection successful!' };
}

/**
 * An active Pullbay TikTok Trigger: each `poll()` runs the node's poll function the way an
 * active workflow does (TriggersAndPollers with a PollContext in trigger mode), and a
 * manual poll the way the editor's test step does. Static data lives on the workflow, as
 * n8n keeps it between polls.
 */
export function activeTrigger(parameters: INodeParameters, credentials: ICredentialDataDecryptedObject) {
	const node: INode = {
		id: 'pullbay-trigger',
		name: 'Pullbay TikTok Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { pullbayApi: { id: '1', name: 'Pullbay account' } },
	};
	const workflow = new Workflow({
		id: 'trigger-workflow',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: true,
		staticData: {},
		settings: { executionOrder: 'v1' },
	});
	const hooks = new ExecutionLifecycleHooks('trigger', 'poll', {} as never);
	const additionalData = additionalDataFor(credentials, hooks);

	/** Errors the poll reported without failing, which n8n saves as failed trigger executions. */
	const reportedErrors: Error[] = [];
	const poll = async (mode: 'trigger' | 'manual' = 'trigger') => {
		const context = new PollContext(
			workflow,
			node,
			additionalData,
			mode,
			mode === 'manual' ? 'manual' : 'activate',
			() => {
				throw new Error('A poll returns its items; it does not emit them');
			},
			(error: Error) => reportedErrors.push(error),
		);
		const output = await Container.get(TriggersAndPollers).runPollFunction(workflow, node, context);
		return output?.[0] ?? [];
	};
	return { poll, workflow, reportedErrors, staticData: () => workflow.getStaticData('node', node) };
}
