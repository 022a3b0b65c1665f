import fs from 'node:fs';
import path from 'node:path';
import { isDigestOrInsight, isGzipName, isLogFileName, type LogEntry } from './log-entry';

// Local arguments: files are taken as named, directories walked recursively in name order (so two
// runs report the same files in the same order). Only names are held, never contents.

function logEntry(file: string): LogEntry {
  return { kind: 'log', name: file, gzipped: isGzipName(file), open: async () => fs.createReadStream(file), path: file };
}

function failure(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.message}` : String(err);
}

export async function* walkLocal(paths: string[]): AsyncGenerator<LogEntry> {
  // Symlinked directories are followed; the visited set stops a link that points back up the tree.
  const visited = new Set<string>();
  for (const p of paths) yield* walk(p, true, visited);
}

async function* walk(p: string, explicit: boolean, visited: Set<string>): AsyncGenerator<LogEntry> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(p);
  } catch (err) {
    yield { kind: 'unreadable', name: p, reason: `cannot read (${failure(err)})` };
    return;
  }
  if (stat.isDirectory()) {
    const key = `${stat.dev}:${stat.ino}`;
    if (visited.has(key)) return;
    visited.add(key);
    let names: string[];
    try {
      names = (await fs.promises.readdir(p)).sort();
    } catch (err) {
      yield { kind: 'unreadable', name: p, reason: `cannot list directory (${failure(err)})` };
      return;
    }
    for (const name of names) yield* walk(path.join(p, name), false, visited);
    return;
  }
  if (!stat.isFile()) return; // sockets, FIFOs: nothing a trail delivers
  // A file named on the command line is read whatever its name, except a digest, which would fail as "no Records".
  const wanted = explicit ? !isDigestOrInsight(p.split(path.sep).join('/')) : isLogFileName(p.split(path.sep).join('/'));
  yield wanted ? logEntry(p) : { kind: 'skip', name: p };
}
