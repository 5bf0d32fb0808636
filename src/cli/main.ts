#!/usr/bin/env node
// The phantomnet command line: start the standalone honeypot, validate a configuration, train and manage models.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { startCommand } from './start.js';
import { validateCommand } from './validate.js';
import { registerMlCommands } from './ml-commands.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command()
  .name('phantomnet')
  .description('Adaptive multi-protocol honeypot: records every attacker action as typed events.')
  .version(pkg.version, '-V, --version')
  .showHelpAfterError()
  .addHelpText(
    'after',
    `
Examples:
  $ phantomnet start                          # SSH on 2222, data in ./data, no config file needed
  $ phantomnet start --config /etc/phantomnet.yaml
  $ PHANTOMNET_SSH_PORT=2022 phantomnet start # any key can be overridden from the environment
  $ phantomnet validate phantomnet.yaml       # print every problem and exit non-zero if any

Configuration: --config FILE, else $PHANTOMNET_CONFIG, else ./phantomnet.yaml if present, else defaults; see docs/configuration.md.`,
  );

program
  .command('start')
  .description('run every enabled sensor, the pipeline and the embedded store in this process')
  .option('-c, --config <file>', 'configuration file (default: ./phantomnet.yaml if present)')
  .addHelpText('after', '\nStops cleanly on SIGINT or SIGTERM: every session gets session.closed and the store is flushed.')
  .action(async (opts: { config?: string }) => {
    process.exitCode = await startCommand(opts.config);
  });

program
  .command('validate')
  .description('check a configuration file and the environment overrides without opening any port')
  .argument('[file]', 'configuration file (default: ./phantomnet.yaml if present)')
  .action((file: string | undefined) => {
    process.exitCode = validateCommand(file);
  });

registerMlCommands(program);

await program.parseAsync(process.argv);
