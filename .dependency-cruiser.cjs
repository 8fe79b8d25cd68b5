/**
 * Architecture rules checked in CI (`npm run depcruise`): no import cycles, and no
 * upward imports between layers. A layer may import any layer listed before it, never
 * one listed after. docs/architecture.md explains the layering.
 */
const LAYERS = [
  { name: 'kernel', path: '^src/(kernel/|version\\.ts$)' },
  { name: 'schema', path: '^src/scenario/(schema|schema-id|schema-diplomacy|schema-consent|exercise|limits)\\.ts$' },
  { name: 'model', path: '^src/model/' },
  { name: 'agents, metrics, scenario, msel', path: '^src/(agents|metrics|msel)/|^src/scenario/(?!(schema|schema-id|schema-diplomacy|schema-consent|exercise|limits)\\.ts$)' },
  { name: 'engine', path: '^src/engine/' },
  { name: 'report', path: '^src/report/' },
  { name: 'experiment, drill', path: '^src/(experiment|drill)/' },
  { name: 'web', path: '^src/web/' },
  { name: 'cli', path: '^src/cli/' },
  { name: 'public API', path: '^src/index\\.ts$' },
];

const upward = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `no-upward-from-${layer.name.replace(/[^a-z]+/g, '-')}`,
  comment: `${layer.name} may only import layers below it: ${LAYERS.slice(0, index).map((below) => below.name).join('; ') || 'none'}`,
  severity: 'error',
  from: { path: layer.path },
  to: { path: LAYERS.slice(index + 1).map((above) => `(${above.path})`).join('|') },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'import cycles make modules impossible to understand, test or load on their own',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...upward,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
