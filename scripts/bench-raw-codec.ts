// `npm run bench:codec -- [store.db] [--rounds 7] [--records 8000] [--wide 20000]`: what storing a
// raw record costs (lib/store/raw-codec), per preset dictionary size and deflate level. For each of
// no dictionary and 4, 8 and 16 kB dictionaries (built as scripts/build-raw-dictionary.ts builds
// them, scripts/raw-dictionary-builder.ts), at levels 1, 2, 4 and 6: encode (CPU and wall) and
// decode (CPU) µs per record (median of the rounds, min–max beside it) and the ratio (text bytes /
// stored bytes, version byte included), plus deflate's fixed cost on a 2-byte record. Also the codec
// as it is (encodeRaw, decodeRaw), the same work as one of the rows, which shows the noise.
//
// Records measured, each as the import hands them to encodeRaw (the record's UTF-8 bytes):
// - demo: `--records` records spread over the store's event_raw, opened read-only, when a store is
//   given; otherwise the demo generator's MediaPackage records (seed 42, 92 days);
// - wide: the MediaPackage records of scripts/bench-shapes.ts' wide trail of `--wide` events
//   (every operation of the three APIs, 60 principals, bodies up to 1 MB), written to a temporary
//   folder and read back; `--wide 0` skips it.
// Rounds interleave the configurations chunk by chunk in a shuffled order (see bench), so drift on a
// shared machine spreads over all of them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateRawSync, gunzipSync, inflateRawSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { generateDemoHistory } from '@/lib/emulator/demo-history';
import { decodeRaw, encodeRaw } from '@/lib/store/raw-codec';
import { RECORD_COLUMNS, type RecordColumns } from '@/lib/store/queries/rows';
import { buildRawDictionary } from './raw-dictionary-builder';
import { writeShapeTrail } from './bench-shapes';

const LEVELS = [1, 2, 4, 6];
const SIZES = [0, 4096, 8192, 16384];

interface Options {
  store: string | null;
  rounds: number;
  records: number;
  wide: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { store: null, rounds: 7, records: 8000, wide: 20000 };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(rounds|records|wide)(?:=(\d+))?$/.exec(argv[i]);
    const value = m && (m[2] ?? argv[++i]);
    if (m && /^\d+$/.test(value ?? '')) o[m[1] as 'rounds' | 'records' | 'wide'] = Number(value);
    else if (!argv[i]?.startsWith('--') && !m) o.store = argv[i];
    else throw new Error(`usage: bench-raw-codec.ts [store.db] [--rounds N] [--records N] [--wide N]`);
  }
  if (o.rounds < 1 || o.records < 1) throw new Error('--rounds and --records must be at least 1');
  return o;
}

/** `count` records spread evenly over the store's seq range, read-only. */
function storeRecords(file: string, count: number): Buffer[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const { lo, hi } = db.prepare('select min(seq) as lo, max(seq) as hi from event_raw').get() as { lo: number; hi: number };
    const at = db.prepare(`select ${RECORD_COLUMNS} from event_raw x left join raw_blocks b on b.block = x.block where x.seq >= ? order by x.seq limit 1`);
    const out: Buffer[] = [];
    for (let i = 0; i < count; i++) {
      const row = at.get(lo + Math.floor(((hi - lo) * i) / count)) as RecordColumns | undefined;
      if (row !== undefined) out.push(Buffer.from(decodeRaw(row.raw, row.raw_block), 'utf8'));
    }
    return out;
  } finally {
    db.close();
  }
}

function isOurs(record: Record<string, unknown>): boolean {
  return typeof record.eventSource === 'string' && record.eventSource.startsWith('mediapackage');
}

/** `count` items evenly spaced over the list, so a sample spans the whole history. */
function spread<T>(items: T[], count: number): T[] {
  if (items.length <= count) return items;
  return Array.from({ length: count }, (_, i) => items[Math.floor((items.length * i) / count)]);
}

function demoRecords(count: number): Buffer[] {
  const end = Date.UTC(2026, 3, 1);
  const items = generateDemoHistory({ seed: 42, start: new Date(end - 92 * 86_400_000), end: new Date(end), eventsPerDay: Math.ceil((count * 1.1) / 92) });
  const ours = items.map((x) => x.record as Record<string, unknown>).filter(isOurs);
  return spread(ours, count).map((r) => Buffer.from(JSON.stringify(r)));
}

/** The wide trail's MediaPackage records, their bytes as the files hold them (JSON.stringify of each). */
function wideRecords(events: number): Buffer[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-codec-wide-'));
  try {
    writeShapeTrail(dir, 'wide', Date.UTC(2026, 3, 1), events);
    const out: Buffer[] = [];
    for (const file of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
      if (!file.endsWith('.json.gz')) continue;
      const { Records } = JSON.parse(gunzipSync(fs.readFileSync(path.join(dir, file))).toString('utf8')) as { Records: Record<string, unknown>[] };
      for (const r of Records) if (isOurs(r)) out.push(Buffer.from(JSON.stringify(r)));
    }
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface Config {
  name: string;
  encode: (r: Buffer) => Buffer;
  decode: (b: Buffer) => Buffer;
}

function configs(dictionaries: Map<number, Buffer>): Config[] {
  const out: Config[] = [];
  for (const size of SIZES) {
    const dictionary = dictionaries.get(size);
    const opts = dictionary ? { dictionary } : {};
    for (const level of LEVELS) {
      out.push({
        name: `${size ? `${size / 1024} kB (${dictionary!.length} B)` : 'none'} L${level}`,
        // The stored form: one version byte, then the stream (the copy is what encodeRaw does too).
        encode: (r) => {
          const body = deflateRawSync(r, { ...opts, level });
          const stored = Buffer.allocUnsafe(body.length + 1);
          stored[0] = 0;
          body.copy(stored, 1);
          return stored;
        },
        decode: (b) => inflateRawSync(b.subarray(1), opts),
      });
    }
  }
  out.push({ name: 'encodeRaw/decodeRaw as they are', encode: encodeRaw, decode: (b) => Buffer.from(decodeRaw(b), 'utf8') });
  return out;
}

/**
 * Many buffers as one, read back as views: a few objects for the collector to trace, instead of one
 * per record per configuration, so its work (on its own threads, counted in the process's CPU time)
 * stays small and does not land on whichever configuration happens to be running.
 */
interface Packed {
  data: Buffer;
  at: number[];
}
function pack(items: Buffer[]): Packed {
  const at = [0];
  for (const b of items) at.push(at[at.length - 1] + b.length);
  return { data: Buffer.concat(items), at };
}
const item = (p: Packed, j: number) => p.data.subarray(p.at[j], p.at[j + 1]);

/** A seeded shuffle of 0..n-1 (xorshift32), so the bench's order is the same on every run. */
function shuffler(seed: number) {
  let x = seed >>> 0 || 1;
  return (n: number) => {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const j = (x >>> 0) % (i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    return order;
  };
}

function bench(label: string, records: Packed, all: Config[], rounds: number) {
  const count = records.at.length - 1;
  const bytes = records.data.length;
  const sizes = records.at.slice(1).map((end, j) => end - records.at[j]).sort((a, b) => a - b);
  console.log(`\n${label}: ${count} records, ${(bytes / count).toFixed(0)} B mean, ${median(sizes)} B median, ${sizes[sizes.length - 1]} B largest`);
  // Stored forms once, checked byte for byte; they are what the decode rounds inflate.
  const stored = all.map((c) => {
    const out: Buffer[] = [];
    for (let j = 0; j < count; j++) {
      const r = item(records, j);
      const s = c.encode(r);
      if (!c.decode(s).equals(r)) throw new Error(`${c.name}: a record does not round-trip`);
      out.push(s);
    }
    return pack(out);
  });
  // Warm-up: every configuration over a few records, so the first timed one pays no JIT.
  for (const c of all) for (let j = 0; j < Math.min(count, 500); j++) c.decode(c.encode(item(records, j)));
  // CPU time of the process (deflate runs on this thread, synchronously) and wall time: on a shared
  // machine the wall clock also counts the time another process had the core. A round runs every
  // configuration over each chunk of 250 records in turn, in a shuffled order (a fixed one would
  // always charge a configuration with what the one before it left, e.g. garbage to collect), so a
  // burst of load falls on all of them alike; a round's figure is its total over the chunks.
  const CHUNK = 250;
  const shuffle = shuffler(count);
  const enc: number[][] = all.map(() => []);
  const encWall: number[][] = all.map(() => []);
  const dec: number[][] = all.map(() => []);
  for (let round = 0; round < rounds; round++) {
    const sum = all.map(() => ({ enc: 0, wall: 0, dec: 0 }));
    for (let from = 0; from < count; from += CHUNK) {
      const to = Math.min(from + CHUNK, count);
      for (const i of shuffle(all.length)) {
        const { encode, decode } = all[i];
        let cpu = process.cpuUsage();
        const t = performance.now();
        for (let j = from; j < to; j++) encode(item(records, j));
        sum[i].wall += performance.now() - t;
        sum[i].enc += cpuMicros(cpu);
        cpu = process.cpuUsage();
        for (let j = from; j < to; j++) decode(item(stored[i], j));
        sum[i].dec += cpuMicros(cpu);
      }
    }
    sum.forEach((x, i) => {
      enc[i].push(x.enc / count);
      encWall[i].push((1000 * x.wall) / count);
      dec[i].push(x.dec / count);
    });
  }
  // Against format 1 (16 kB, level 6) in the same round: steadier than the µs, which move with the load.
  const ref = all.findIndex((c) => c.name.startsWith('16 kB') && c.name.endsWith(' L6'));
  const fmt = (xs: number[]) => `${median(xs).toFixed(1).padStart(6)} (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;
  console.log(`µs per record, median of ${rounds} rounds (min–max); "vs 16 kB L6": median of each round's encode CPU over that of 16 kB L6`);
  console.log(`${'dictionary, level'.padEnd(34)} ${'encode, CPU'.padEnd(20)} ${'vs 16 kB L6'.padEnd(12)} ${'encode, wall'.padEnd(20)} ${'decode, CPU'.padEnd(20)} ratio`);
  all.forEach((c, i) => {
    const out = stored[i].data.length;
    const against = median(enc[i].map((x, r) => x / enc[ref][r])).toFixed(2);
    console.log(`${c.name.padEnd(34)} ${fmt(enc[i]).padEnd(20)} ${against.padEnd(12)} ${fmt(encWall[i]).padEnd(20)} ${fmt(dec[i]).padEnd(20)} ${(bytes / out).toFixed(2)}×`);
  });
}

const cpuMicros = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return d.user + d.system;
};

/** deflate's cost on a 2-byte record: what every record pays before its own bytes. */
function fixedCost(dictionaries: Map<number, Buffer>, rounds: number) {
  const tiny = Buffer.from('{}');
  const n = 20_000;
  console.log(`\nfixed cost, deflateRawSync of '{}' (level 6), CPU µs/call, median of ${rounds}:`);
  for (const size of SIZES) {
    const dictionary = dictionaries.get(size);
    const opts = dictionary ? { dictionary, level: 6 } : { level: 6 };
    for (let i = 0; i < 1000; i++) deflateRawSync(tiny, opts);
    const xs: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const cpu = process.cpuUsage();
      for (let i = 0; i < n; i++) deflateRawSync(tiny, opts);
      xs.push(cpuMicros(cpu) / n);
    }
    console.log(`  ${size ? `${size / 1024} kB` : 'none'}`.padEnd(10), median(xs).toFixed(1));
  }
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  const dictionaries = new Map<number, Buffer>();
  for (const size of SIZES) if (size) dictionaries.set(size, buildRawDictionary(size).dictionary);
  console.log(`node ${process.versions.node}, zlib ${process.versions.zlib}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model}), load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const all = configs(dictionaries);
  fixedCost(dictionaries, o.rounds);
  bench(o.store ? `demo, from ${o.store}` : 'demo, generated (seed 42)', pack(o.store ? storeRecords(o.store, o.records) : demoRecords(o.records)), all, o.rounds);
  if (o.wide > 0) bench(`wide, ${o.wide}-event trail (scripts/bench-shapes.ts), MediaPackage records`, pack(spread(wideRecords(o.wide), o.records)), all, o.rounds);
  console.log(`\nload at the end ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}

main();
