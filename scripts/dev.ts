/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- never shipped (package.json "files" is dist/ only): development tooling that runs on Node.js, outside n8n, and needs Node globals (timers, process), console output */
/**
 * npm run dev: a local n8n on http://localhost:5678 with this package loaded, as a user
 * would have it after installing it from Settings → Community Nodes.
 *
 * Installs the pinned n8n of N8N_LINE (2.x by default; 1.x also works) into .cache on first
 * use, packs this package, installs the tarball into the user folder .cache/home/dev (which
 * keeps your credentials and workflows between runs), and starts n8n with telemetry and
 * version checks off, on port 5678 or, when that is taken, a free one it prints. Set N8N_PORT to
 * choose the port (N8N_DEV_FOLDER names another user folder).
 */
import { freePort, N8N_LINES, packPackage, startN8n, userFolderWithPackage, type N8nLine } from '../test/e2e/n8nRuntime';

const lineName = process.env.N8N_LINE ?? '2.x';
const line = N8N_LINES.find((candidate) => candidate.name === lineName);
if (!line) throw new Error(`N8N_LINE must be one of ${N8N_LINES.map((l) => l.name).join(', ')}`);

async function main(n8nLine: N8nLine) {
	const home = userFolderWithPackage(process.env.N8N_DEV_FOLDER ?? 'dev', packPackage(), false);
	// 5678 is n8n's usual port; when another n8n already has it, any free one will do.
	const port = process.env.N8N_PORT ?? String(await freePort(5678));
	const n8n = await startN8n(n8nLine, home, { N8N_PORT: port });
	console.log(`Starting n8n ${n8nLine.version} on http://localhost:${port} (user folder ${home})`);
	n8n.on('exit', (code) => process.exit(code ?? 0));
	for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => n8n.kill(signal));
}

void main(line);
