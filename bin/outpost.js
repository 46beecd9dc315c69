#!/usr/bin/env node
// Launcher: registers the TypeScript loader so that the CLI, journeys and configs
// load from source with no build step, then hands over to src/cli.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `outpost needs Node.js >= 22.12 (found ${process.versions.node}). ` +
      'Run it through npm scripts or npx in this package (they use the bundled Node 24), ' +
      'or install Node 24 LTS.',
  );
  process.exit(2);
}
const { register } = await import('tsx/esm/api');
register();
await import('../src/cli/main.ts');
