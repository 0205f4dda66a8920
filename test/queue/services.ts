/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, no-console -- never shipped (package.json "files" is dist/ only): development tooling that runs on Node.js, outside n8n, and needs Node globals (timers, process), Node built-ins, child processes, console output */
/**
 * The services n8n's queue mode needs, from Debian's packages, run as child processes on free
 * ports in temporary folders: Redis for the job queue, PostgreSQL for the shared database.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { freePort } from '../e2e/n8nRuntime';

const isRoot = process.getuid?.() === 0;

/** Installs Debian's redis-server and postgresql when missing (as root), or says how. */
export function ensureServices() {
	const missing = [
		existsSync('/usr/bin/redis-server') ? undefined : 'redis-server',
		postgresBin() ? undefined : 'postgresql',
	].filter((name): name is string => name !== undefined);
	if (missing.length === 0) return;
	if (!isRoot) throw new Error(`Queue mode needs ${missing.join(' and ')}: run "sudo apt-get install ${missing.join(' ')}"`);
	console.log(`Installing ${missing.join(', ')} from Debian's packages (once)`);
	execFileSync('apt-get', ['update'], { stdio: 'inherit' });
	execFileSync('apt-get', ['install', '-y', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

function postgresBin(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const [version] = readdirSync(root).sort((a, b) => Number(b) - Number(a));
	return version ? join(root, version, 'bin') : undefined;
}

async function waitFor(what: string, ready: () => boolean) {
	for (let waited = 0; waited < 60; waited++) {
		if (ready()) return;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`${what} did not start`);
}

const succeeds = (command: string, args: string[]) => {
	try {
		execFileSync(command, args, { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
};

export async function startRedis(): Promise<{ port: number; stop: () => void }> {
	const port = await freePort();
	const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
		stdio: 'ignore',
	});
	await waitFor('Redis', () => succeeds('redis-cli', ['-p', String(port), 'ping']));
	return { port, stop: () => child.kill() };
}

/** PostgreSQL refuses to run as root: then it runs as Debian's postgres user. */
const asPostgres = (command: string, args: string[]): [string, string[]] =>
	isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];

export async function startPostgres(): Promise<{ port: number; stop: () => void }> {
	const bin = postgresBin()!;
	const port = await freePort();
	const dir = mkdtempSync(join(tmpdir(), 'pullbay-queue-pg-'));
	if (isRoot) {
		const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
		chownSync(dir, id('-u'), id('-g'));
	}
	execFileSync(...asPostgres(join(bin, 'initdb'), ['-D', dir, '--auth=trust', '-U', 'postgres']), { stdio: 'ignore' });
	const child = spawn(...asPostgres(join(bin, 'postgres'), ['-D', dir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1']), {
		stdio: 'ignore',
	});
	await waitFor('PostgreSQL', () => succeeds('pg_isready', ['-h', '127.0.0.1', '-p', String(port)]));
	execFileSync('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', 'CREATE DATABASE n8n'], { stdio: 'ignore' });
	const stop = () => {
		// Through pg_ctl: a signal to runuser may not reach the server.
		if (!succeeds(...asPostgres(join(bin, 'pg_ctl'), ['-D', dir, 'stop', '-m', 'immediate']))) child.kill();
	};
	return { port, stop };
}
