// Entry of the store's worker thread. The server bundle does not include lib/ as files a worker
// could load, so the thread loads the TypeScript sources itself through tsx, as the CLI does.
require('tsx/cjs/api').register();
require('./store-worker.ts');
