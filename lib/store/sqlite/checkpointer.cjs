// Worker thread for a bulk load: folds the WAL back into the database file on its own connection,
// so the copying overlaps the importing thread's inserts instead of stalling them. PASSIVE never
// waits for or blocks the writer.
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');

const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
let stopped = false;
parentPort.on('message', () => (stopped = true));
(function tick() {
  if (stopped) return db.close(), parentPort.close();
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // SQLITE_BUSY while another checkpoint runs: the next tick tries again.
  }
  setTimeout(tick, workerData.intervalMs);
})();
