// Registers the model-lifecycle commands (train, model, runs) on the phantomnet program; kept apart from
// main.ts so the entry point stays a short list of commands.
import type { Command } from 'commander';
import { CLASSIFIER_MODEL } from '../app/model-loader.js';
import { modelListCommand, modelPromoteCommand, modelRollbackCommand } from './model.js';
import { runsExportCommand, runsListCommand } from './runs.js';
import { trainCommand } from './train.js';
import type { TrainOptions } from './train.js';

const CONFIG_HELP = 'configuration file (default: ./phantomnet.yaml if present)';
const MODEL_HELP = 'registered model name';

export function registerMlCommands(program: Command): void {
  program
    .command('train')
    .description('cross-validate a random forest on a CSV, write reports, register the model in staging, record the run')
    .requiredOption('--data <csv>', 'CSV with a header row; every column except the label (and group) is a numeric feature')
    .requiredOption('--label <column>', 'the class column (numbers or strings)')
    .option('--experiment <name>', 'experiment the run is filed under', 'phantomnet')
    .option('--folds <k>', 'cross-validation folds', '5')
    .option('--trees <n>', 'trees in the forest', '100')
    .option('--seed <n>', 'seed for folds and trees (same seed and data = same model)', '42')
    .option('--jobs <n>', 'worker threads for fitting (never changes the model)', '1')
    .option('--group <column>', 'group k-fold on this column (e.g. source IP): a group is never on both sides')
    .option('--negative-label <value>', 'the benign class: errors are split into false positives and false negatives')
    .option('--model <name>', MODEL_HELP, CLASSIFIER_MODEL)
    .option('-c, --config <file>', CONFIG_HELP)
    .addHelpText(
      'after',
      `
Example:
  $ phantomnet train --data sessions.csv --label class --folds 5 --trees 200 --group src_ip
Reports go to <data_dir>/runs/<run id>/, the model to <data_dir>/models (stage staging).`,
    )
    .action(async (opts: TrainOptions) => {
      process.exitCode = await trainCommand(opts);
    });

  const model = program.command('model').description('list, promote and roll back registered model versions');
  model
    .command('list')
    .description('every version with its stage, metrics, creation time and feature schema hash')
    .option('--model <name>', MODEL_HELP, CLASSIFIER_MODEL)
    .option('--json', 'machine-readable output')
    .option('-c, --config <file>', CONFIG_HELP)
    .action(async (opts: { model: string; json?: boolean; config?: string }) => {
      process.exitCode = await modelListCommand(opts);
    });
  model
    .command('promote')
    .description('put a version into a stage (production by default); the replaced version is kept for rollback')
    .argument('<version>', 'version number (see model list)')
    .option('--stage <stage>', 'staging or production', 'production')
    .option('--model <name>', MODEL_HELP, CLASSIFIER_MODEL)
    .option('-c, --config <file>', CONFIG_HELP)
    .action(async (version: string, opts: { model: string; stage: string; config?: string }) => {
      process.exitCode = await modelPromoteCommand(version, opts);
    });
  model
    .command('rollback')
    .description('return a stage (production by default) to the version it had before its last change')
    .option('--stage <stage>', 'staging or production', 'production')
    .option('--model <name>', MODEL_HELP, CLASSIFIER_MODEL)
    .option('-c, --config <file>', CONFIG_HELP)
    .action(async (opts: { model: string; stage: string; config?: string }) => {
      process.exitCode = await modelRollbackCommand(opts);
    });

  const runs = program.command('runs').description('training runs recorded in the store');
  runs
    .command('list')
    .description('recorded runs, most recent first')
    .option('--experiment <name>', 'only this experiment')
    .option('--limit <n>', 'at most this many runs', '50')
    .option('--json', 'machine-readable output (every stored field)')
    .option('-c, --config <file>', CONFIG_HELP)
    .action(async (opts: { experiment?: string; limit: string; json?: boolean; config?: string }) => {
      process.exitCode = await runsListCommand(opts);
    });
  runs
    .command('export-mlflow')
    .description("write finished runs in MLflow's file-store layout (browse with `mlflow ui --backend-store-uri <dir>`)")
    .argument('<dir>', 'the mlruns directory to write (created if missing)')
    .option('--run <id>', 'only this run')
    .option('-c, --config <file>', CONFIG_HELP)
    .action(async (dir: string, opts: { run?: string; config?: string }) => {
      process.exitCode = await runsExportCommand(dir, opts);
    });
}
