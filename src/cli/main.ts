#!/usr/bin/env node
// The phantomnet command line: start the standalone honeypot, validate a configuration, train and manage models.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { startCommand } from './start.js';
import { validateCommand } from './validate.js';
import { replayCommand } from './replay.js';
import { initCommand } from './init.js';
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
  $ phantomnet init                           # give this deployment its own host name, kernel, MACs, keys
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
  .command('init')
  .description("choose this instance's own machine identity (host name, kernel, MAC, serials) and its keys")
  .option('-c, --config <file>', 'configuration file (default: ./phantomnet.yaml if present)')
  .option('--force', 'replace an existing identity (the emulated machine, SSH host keys and certificate change)')
  .addHelpText('after', '\nWrites <data_dir>/instance.json (mode 0600). `start` runs this by itself when the file is missing.')
  .action((opts: { config?: string; force?: boolean }) => {
    process.exitCode = initCommand(opts);
  });

program
  .command('validate')
  .description('check a configuration file and the environment overrides without opening any port')
  .argument('[file]', 'configuration file (default: ./phantomnet.yaml if present)')
  .action((file: string | undefined) => {
    process.exitCode = validateCommand(file);
  });

program
  .command('replay')
  .description('play a recorded interactive session (asciinema v2 cast) on this terminal with its original timing')
  .argument('<session-id>', 'the session id (the `session` field of its events)')
  .option('-c, --config <file>', 'configuration file, for general.data_dir (default: ./phantomnet.yaml if present)')
  .option('-d, --data-dir <dir>', 'data directory to look in (overrides the configuration)')
  .option('-s, --speed <x>', 'play this many times faster', '1')
  .option('-i, --max-idle <s>', 'cut every pause longer than this many seconds')
  .option('--raw', 'print the cast file itself (for asciinema play -)')
  .addHelpText('after', '\nExample:\n  $ phantomnet replay 3f2a9c01b7de --speed 4 --max-idle 2')
  .action(async (sessionId: string, opts: { config?: string; dataDir?: string; speed?: string; maxIdle?: string; raw?: boolean }) => {
    process.exitCode = await replayCommand(sessionId, opts);
  });

registerMlCommands(program);

await program.parseAsync(process.argv);
