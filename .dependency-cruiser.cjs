// Architecture import rules (see docs/architecture.md); `npm test` fails on any violation.
const layer = (name) => `^src/${name}/`;
const only = (from, allowed, comment) => ({
  name: `${from}-imports-only-${allowed.join('-')}`,
  comment,
  severity: 'error',
  from: { path: layer(from) },
  to: {
    path: '^src/',
    pathNot: [layer(from), ...allowed.map(layer)],
  },
});

module.exports = {
  forbidden: [
    only('schema', [], 'schema imports only zod'),
    only('core', ['schema'], 'core imports only schema'),
    only('sensors', ['core', 'schema'], 'sensors know their protocol, not ML or storage'),
    only('store', ['core', 'schema'], 'stores know nothing of sensors, outputs or ML'),
    only('outputs', ['core', 'schema'], 'outputs are fed from the bus only'),
    only('ml', ['core', 'schema'], 'ml knows matrices, not events'),
    only('features', ['core', 'schema', 'ml'], 'features bridge events to matrices'),
    only('detect', ['core', 'schema', 'features', 'ml'], 'detect reaches sensors only through SessionControl'),
    only('response', ['core', 'schema', 'features', 'ml'], 'response reaches sensors only through SessionControl'),
    only('pipeline', ['core', 'schema', 'features', 'ml', 'detect', 'response'], 'pipeline runs stages'),
    only('api', ['core', 'schema'], 'api sees storage only through the Store interface'),
    only('sim', ['core', 'schema'], 'the simulator speaks the real protocols'),
    {
      name: 'nothing-imports-app-or-cli',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/(app|cli)/'] },
      to: { path: '^src/(app|cli)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
