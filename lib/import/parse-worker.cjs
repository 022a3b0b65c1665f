// A worker thread does not inherit the CLI's tsx loader (Node 20 ignores --import in a worker's
// execArgv), so this plain-JS entry registers tsx before loading the TypeScript worker body.
require('tsx/cjs/api').register();
require('./parse-worker.ts');
