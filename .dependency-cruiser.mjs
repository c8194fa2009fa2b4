// dependency-cruiser rules: the layers of docs/architecture.md, lowest first. A module imports
// only from its own layer or a lower one; no module takes part in an import cycle.
// `npm run lint` runs `depcruise src`; test/lint/layers.test.ts shows a wrong import failing.

/** Folders of src/ by layer, lowest first. */
const LAYERS = [
  ['parse', 'record', 'stats'],
  ['probe', 'scenarios'],
  ['measure'],
  ['generate'],
  ['analyze'],
  ['store', 'report'],
  ['server', 'cli'],
];

const folders = (names) => `^src/(${names.join('|')})/`;

/** One rule per layer: nothing in it may import a folder of a higher layer. */
const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `no-upward-from-${layer.join('-')}`,
  comment: `${layer.join(', ')} may import only from their own layer or lower`,
  severity: 'error',
  from: { path: folders(layer) },
  to: { path: folders(LAYERS.slice(i + 1).flat()) },
}));

export default {
  forbidden: [
    ...upward,
    {
      name: 'no-upward-from-root',
      comment: 'src/errors.ts and src/package-root.ts sit below every layer',
      severity: 'error',
      from: { path: '^src/[^/]+$' },
      to: { path: folders(LAYERS.flat()) },
    },
    {
      name: 'no-circular',
      comment: 'an import cycle is a design bug (docs/architecture.md)',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
