/**
 * npm start [-- --sources DIR [--sources DIR …]] [--skip-ingest] [--port N] [--host [ADDR]]
 * Builds the site (scripts/build.ts) and serves dist/ with `astro preview`.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build, projectRoot, StepError } from './build.ts';

const require = createRequire(import.meta.url);

let values;
try {
  ({ values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      sources: { type: 'string', multiple: true },
      'skip-ingest': { type: 'boolean' },
      port: { type: 'string', default: '4321' },
      host: { type: 'string' },
    },
    strict: true,
  }));
} catch (error) {
  console.error(`start: ${(error as Error).message}\nusage: npm start [-- --sources DIR [--sources DIR …]] [--skip-ingest] [--port N] [--host ADDR]`);
  process.exit(2);
}

try {
  await build({ sources: values.sources, skipIngest: values['skip-ingest'] });
} catch (error) {
  console.error(`\n✖ build failed: ${error instanceof StepError ? error.message : (error as Error).stack}`);
  process.exit(1);
}

const port = values.port;
const args = [path.join(path.dirname(require.resolve('astro/package.json')), 'bin', 'astro.mjs'), 'preview', '--port', port];
if (values.host) args.push('--host', values.host);
console.log(`\n条文 is being served at http://${values.host && values.host !== '0.0.0.0' ? values.host : 'localhost'}:${port}/ (Ctrl+C to stop)\n`);
const preview = spawn(process.execPath, args, {
  cwd: projectRoot,
  stdio: 'inherit',
  env: { ASTRO_TELEMETRY_DISABLED: '1', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => preview.kill(signal));
preview.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
