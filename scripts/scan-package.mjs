// npm run scan: n8n's community package scanner (@n8n/scan-community-package) on this package,
// offline. The scanner's CLI downloads a published package and its provenance-attested source;
// here its own analyzePackage() lints the same two legs locally: the source (package.json,
// nodes/, credentials/) and the packed tarball (compiled .js and package.json).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const SCANNER = '@n8n/scan-community-package@0.32.0';
const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const cache = join(root, '.cache', 'scanner');

const scannerFile = join(cache, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs');
if (!existsSync(scannerFile)) {
	mkdirSync(cache, { recursive: true });
	writeFileSync(join(cache, 'package.json'), '{"name":"scanner","private":true}');
	execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', SCANNER], { cwd: cache, stdio: 'inherit' });
}

const work = mkdtempSync(join(tmpdir(), 'pullbay-scan-'));
execFileSync('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: root, stdio: 'ignore' });
const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'));
const packageDir = join(work, 'package');
mkdirSync(packageDir);
execFileSync('tar', ['xzf', join(work, tarball), '-C', packageDir, '--strip-components=1']);

// What n8n installs: the compiled package and its documents, nothing else.
const shipped = execFileSync('tar', ['tzf', join(work, tarball)], { encoding: 'utf8' }).trim().split('\n');
const unexpected = shipped.filter(
	(file) => !/^package\/(dist\/.+|README\.md|LICENSE|package\.json)$/.test(file),
);
console.log(`${unexpected.length ? 'FAIL' : 'PASS'} tarball holds only dist/, README.md, LICENSE and package.json (${shipped.length} files)`);
if (unexpected.length) console.log(unexpected.join('\n'));

const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(scannerFile).href);
const legs = [
	['source', await analyzePackage(root, SOURCE_FILE_PATTERNS)],
	[`tarball ${tarball}`, await analyzePackage(packageDir, ['**/*.js', 'package.json'])],
];
let passed = unexpected.length === 0;
for (const [leg, result] of legs) {
	console.log(`${result.passed ? 'PASS' : 'FAIL'} ${SCANNER} on the ${leg}${result.message ? `: ${result.message}` : ''}`);
	if (result.details) console.log(result.details);
	passed &&= result.passed;
}
process.exitCode = passed ? 0 : 1;
