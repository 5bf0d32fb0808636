// `phantomnet model list|promote|rollback`: the registry in <data_dir>/models from the command line, so an
// operator can see what is in staging and production and move versions without touching files.
import { PhantomError } from '../core/errors.js';
import { STAGES } from '../ml/registry.js';
import type { ModelVersion, Stage } from '../ml/registry.js';
import { mlContext, runCli, textTable } from './ml-context.js';
import { HEADLINE_METRICS } from './train.js';

export interface ModelOptions {
  config?: string;
  model: string;
}

function parseStage(raw: string): Stage {
  if (!(STAGES as readonly string[]).includes(raw)) {
    throw new PhantomError('PN_ERR_MODEL_REGISTRY', `unknown stage ${JSON.stringify(raw)}; stages: ${STAGES.join(', ')}`);
  }
  return raw as Stage;
}

function parseVersion(raw: string): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1) throw new PhantomError('PN_ERR_MODEL_REGISTRY', `version must be a positive integer, got ${JSON.stringify(raw)}`);
  return v;
}

function metricsText(m: ModelVersion['metrics']): string {
  const names = [...HEADLINE_METRICS.filter((n) => n in m), ...Object.keys(m).filter((n) => !(HEADLINE_METRICS as readonly string[]).includes(n))];
  return names
    .slice(0, 3)
    .map((n) => `${n}=${(m[n] as number).toFixed(4)}`)
    .join(' ');
}

export function modelListCommand(opts: ModelOptions & { json?: boolean }): Promise<number> {
  return runCli(() => {
    const { registry } = mlContext(opts.config);
    const versions = registry.models().includes(opts.model) ? registry.versions(opts.model) : [];
    if (versions.length === 0) {
      if (opts.json) process.stdout.write('[]\n');
      else process.stdout.write(`no versions of model ${opts.model} yet; run \`phantomnet train\` first\n`);
      return 0;
    }
    const stageOf = (v: number): Stage[] => STAGES.filter((s) => registry.current(opts.model, s) === v);
    if (opts.json) {
      process.stdout.write(JSON.stringify(versions.map((v) => ({ ...v, stages: stageOf(v.version) })), null, 2) + '\n');
      return 0;
    }
    const rows = versions.map((v) => [
      String(v.version),
      stageOf(v.version).join(',') || '-',
      metricsText(v.metrics),
      v.createdAt,
      v.featureSchemaHash.slice(0, 12),
    ]);
    process.stdout.write(textTable(['version', 'stage', 'metrics', 'created', 'schema'], rows));
    return 0;
  });
}

export function modelPromoteCommand(version: string, opts: ModelOptions & { stage: string }): Promise<number> {
  return runCli(() => {
    const { registry } = mlContext(opts.config);
    const stage = parseStage(opts.stage);
    const v = parseVersion(version);
    const before = registry.models().includes(opts.model) ? registry.current(opts.model, stage) : null;
    registry.transition(opts.model, v, stage);
    process.stdout.write(`model ${opts.model} version ${v} is now in ${stage}${before !== null && before !== v ? ` (was version ${before})` : ''}\n`);
    return 0;
  });
}

export function modelRollbackCommand(opts: ModelOptions & { stage: string }): Promise<number> {
  return runCli(() => {
    const { registry } = mlContext(opts.config);
    const stage = parseStage(opts.stage);
    if (!registry.models().includes(opts.model)) throw new PhantomError('PN_ERR_MODEL_REGISTRY', `no model named ${opts.model} in the registry`);
    const before = registry.current(opts.model, stage);
    const v = registry.rollback(opts.model, stage);
    process.stdout.write(`model ${opts.model} ${stage} rolled back to version ${v}${before !== null ? ` (was version ${before})` : ''}\n`);
    return 0;
  });
}
