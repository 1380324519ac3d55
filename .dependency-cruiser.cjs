/**
 * Module boundaries (docs/architecture.md): run by `npm run lint:deps`, part of `npm test`. No exceptions list.
 * `npm run lint:deps` adds one check these rules cannot express, cycles between whole modules (scripts/lint-deps.mjs).
 */
const MODULE = '^src/server/modules/([^/]+)';

module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment:
        'src/shared holds domain types and pure rules: it imports nothing but itself and TypeBox (type-only imports ' +
        'included; no node core, no server or web code).',
      severity: 'error',
      from: { path: '^src/shared/' },
      // TypeBox resolves into node_modules, or stays a bare name when node_modules is a symlink (worktrees).
      to: { pathNot: ['^src/shared/', '^typebox(/|$)', '(^|/)node_modules/typebox/'] },
    },
    {
      name: 'web-not-server',
      comment: 'The web app talks to the server over HTTP only; shared types live in src/shared.',
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
      from: { path: `${MODULE}/` },
      to: { path: `${MODULE}/.*\\.(repo|routes|presenter)\\.ts$`, pathNot: '^src/server/modules/$1/' },
    },
    {
      name: 'no-module-cycles',
      comment:
        'Modules depend on each other in one direction only. Folder scope: a module folder (or one of its sub-folders) ' +
        'may not depend on a folder of another module that leads back to it. Cycles inside one module are its own business. ' +
        'Folders only: absences → guardians → absences/commands is no folder cycle, so scripts/lint-deps.mjs checks the ' +
        'same between whole modules (a module with all its sub-folders).',
      severity: 'error',
      scope: 'folder',
      from: { path: `${MODULE}(/|$)` },
      to: { circular: true, pathNot: '^src/server/modules/$1(/|$)' },
    },
  ],
  options: {
    // Production code only: tests and their helpers may reach into any module to set up data.
    exclude: { path: ['\\.test\\.tsx?$', '/test/'] },
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
