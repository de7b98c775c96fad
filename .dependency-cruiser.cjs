/**
 * The dependency rules of Tradeloop, checked in `npm test` (npm run lint:deps).
 * Each rule says why it exists; docs/architecture.md explains the shape they keep.
 *
 * Layers: src/shared (pure, used by server and web) · src/web (the browser app) ·
 * src/server/platform (infrastructure: database, jobs, mail, errors, crypto) ·
 * src/server/modules/<module> (business capabilities) · the composition root
 * (src/server/app.ts, app-deps.ts, runtime.ts, main.ts, db/, seed/, commands/) wires them.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-only-through-index',
      comment:
        'A module is entered only through its index.ts, its one door: what is not exported there is free to change. ' +
        'The one exception: db/schema.ts joins every module\'s *.tables.ts into the one Kysely database type.',
      severity: 'error',
      from: { pathNot: ['^src/server/modules/', '^src/server/db/schema\\.ts$'] },
      to: { path: '^src/server/modules/[^/]+/', pathNot: '^src/server/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'schema-reads-only-table-types',
      comment: 'db/schema.ts only joins table types; the rest of a module is reached through its index.ts.',
      severity: 'error',
      from: { path: '^src/server/db/schema\\.ts$' },
      to: { path: '^src/server/modules/[^/]+/', pathNot: '^src/server/modules/[^/]+/[^/]+\\.tables\\.ts$' },
    },
    {
      name: 'module-to-module-only-through-index',
      comment:
        "Inside a module, files import each other freely; another module's files are reached only through its index.ts, " +
        'so each module can change its insides without breaking its neighbours.',
      severity: 'error',
      from: { path: '^src/server/modules/([^/]+)/' },
      to: {
        path: '^src/server/modules/[^/]+/',
        pathNot: ['^src/server/modules/$1/', '^src/server/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'web-not-server',
      comment: 'The browser app talks to the server over HTTP only; server code never ends up in the bundle.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'shared-is-pure',
      comment: 'src/shared is imported by both the server and the browser, so it may import neither.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/(server|web)/' },
    },
    {
      name: 'platform-not-modules',
      comment:
        'The platform is the ground the modules stand on (database, jobs, mail, errors); if it imported a module, ' +
        'a module could not be changed without the ground moving under every other one.',
      severity: 'error',
      from: { path: '^src/server/platform/' },
      to: { path: '^src/server/(modules/|runtime\\.ts$|app\\.ts$|app-deps\\.ts$|main\\.ts$)' },
    },
    {
      name: 'modules-not-composition-root',
      comment:
        'Modules declare what they need; the composition root (app.ts, runtime.ts, main.ts) gives it to them. ' +
        'A module importing the root back would be a circle.',
      severity: 'error',
      // Tests may: they exercise the assembled app (test/app.ts builds it the way main.ts does).
      from: { path: '^src/server/modules/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/server/(runtime|app|app-deps|main)\\.ts$' },
    },
    {
      name: 'no-circular',
      comment:
        'A circle (type-only ones included) means two files cannot be understood, tested or moved apart; ' +
        'it is how module boundaries erode.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a circle through types is still a circle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
    exclude: { path: '(^|/)(node_modules|dist)/' },
  },
};
