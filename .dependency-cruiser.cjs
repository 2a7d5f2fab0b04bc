/**
 * Architecture boundaries, checked on every `npm test` (ARCHITECTURE.md, "Invariants").
 */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'src/core is pure decisions: no I/O, no other layer, no database or HTTP library.',
      severity: 'error',
      from: { path: '^src/core' },
      to: {
        pathNot: '^src/core|node_modules/(chrono-node)',
      },
    },
    {
      name: 'core-no-node-builtins',
      severity: 'error',
      from: { path: '^src/core', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'formats-only-core',
      comment: 'Parsers and writers know the domain, never the store, the operations or a face.',
      severity: 'error',
      from: { path: '^src/formats' },
      to: { path: '^src/(app|storage|cli|server|web)' },
    },
    {
      name: 'storage-below-app',
      comment: 'The Store knows nothing of operations or faces.',
      severity: 'error',
      from: { path: '^src/storage' },
      to: { path: '^src/(app|cli|server|web|formats)' },
    },
    {
      name: 'sql-only-in-storage',
      comment: 'SQL and drivers live in src/storage only.',
      severity: 'error',
      from: { path: '^src/(?!storage)', pathNot: '\\.test\\.ts$' },
      to: { path: 'node_modules/(kysely|better-sqlite3|pg)/' },
    },
    {
      name: 'app-not-faces',
      severity: 'error',
      from: { path: '^src/app' },
      to: { path: '^src/(cli|server|web)' },
    },
    {
      name: 'faces-not-each-other',
      comment: 'The CLI, the server and the web app meet only in app/.',
      severity: 'error',
      from: { path: '^src/(cli|server)' },
      to: { path: '^src/web' },
    },
    {
      name: 'cli-not-server-internals',
      severity: 'error',
      from: { path: '^src/server' },
      to: { path: '^src/cli' },
    },
    {
      name: 'faces-not-storage-internals',
      comment: 'Faces use operations; they may name the Store interface but not its implementation.',
      severity: 'error',
      from: { path: '^src/(cli|server|web)' },
      to: { path: '^src/storage/(?!store\\.ts$)' },
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
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
