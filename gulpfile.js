const path = require('path');
const { src, dest, task } = require('gulp');

// tsc compiles only TypeScript; the icons and codex files must sit beside the compiled node.
task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest(path.resolve('dist'))),
);
