/** Module boundaries (docs/architecture.md): run by `npm run lint:deps`, part of `npm test`. */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'src/shared holds domain types and pure rules: it imports nothing but itself (and pure npm packages).',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { pathNot: ['^src/shared/', '^node_modules/(typebox|@sinclair)'], dependencyTypesNot: ['type-only'] , path: '^src/' },
    },
    {
      name: 'shared-no-node',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'web-not-server',
      comment: 'The web app talks to the server over HTTP only.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'server-not-web',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/web/' },
    },
    {
      name: 'module-internals',
      comment: "A module uses another module's commands or services, never its repo, routes or presenter.",
      severity: 'error',
      from: { path: '^src/server/modules/([^/]+)/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^src/server/modules/([^/]+)/.*\\.(repo|routes|presenter)\\.ts$', pathNot: '^src/server/modules/$1/' },
    },
    {
      name: 'no-module-cycles',
      severity: 'error',
      from: { path: '^src/server/modules/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
