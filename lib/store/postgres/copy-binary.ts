// Rows in COPY's binary format (PostgreSQL docs, "COPY … Binary Format"): no escaping of text and no
// hex for bytea, which the text format needs; a record is copied as its bytes. Each value is written
// as its column's wire type, so the types here must be the staging table's.

export type CopyType = 'int4' | 'int8' | 'int2' | 'text' | 'bytea';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

export class BinaryCopyWriter {
  private chunks: Buffer[] = [];
  private buffer = Buffer.allocUnsafe(1 << 16);
  private at = 0;

  constructor(private readonly types: CopyType[]) {
    this.ensure(SIGNATURE.length + 8);
    SIGNATURE.copy(this.buffer, 0);
    this.at = SIGNATURE.length;
    this.buffer.writeInt32BE(0, this.at); // flags
    this.buffer.writeInt32BE(0, this.at + 4); // header extension length
    this.at += 8;
  }

  private ensure(n: number): void {
    if (this.at + n <= this.buffer.length) return;
    this.chunks.push(this.buffer.subarray(0, this.at));
    this.buffer = Buffer.allocUnsafe(Math.max(1 << 16, n));
    this.at = 0;
  }

  row(values: unknown[]): void {
    this.ensure(2);
    this.buffer.writeInt16BE(values.length, this.at);
    this.at += 2;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) {
        this.ensure(4);
        this.buffer.writeInt32BE(-1, this.at);
        this.at += 4;
        continue;
      }
      switch (this.types[i]) {
        case 'int2':
          this.ensure(6);
          this.buffer.writeInt32BE(2, this.at);
          this.buffer.writeInt16BE(v as number, this.at + 4);
          this.at += 6;
          break;
        case 'int4':
          this.ensure(8);
          this.buffer.writeInt32BE(4, this.at);
          this.buffer.writeInt32BE(v as number, this.at + 4);
          this.at += 8;
          break;
        case 'int8':
          this.ensure(12);
          this.buffer.writeInt32BE(8, this.at);
          this.buffer.writeBigInt64BE(BigInt(v as number), this.at + 4);
          this.at += 12;
          break;
        case 'text': {
          const s = v as string;
          this.ensure(4 + s.length * 3);
          const n = this.buffer.write(s, this.at + 4, 'utf8');
          this.buffer.writeInt32BE(n, this.at);
          this.at += 4 + n;
          break;
        }
        case 'bytea': {
          const b = v as Uint8Array;
          this.ensure(4 + b.length);
          this.buffer.writeInt32BE(b.length, this.at);
          this.buffer.set(b, this.at + 4);
          this.at += 4 + b.length;
          break;
        }
      }
    }
  }

  /** The whole stream, trailer included, in chunks of about 64 kB. */
  finish(): Buffer[] {
    this.ensure(2);
    this.buffer.writeInt16BE(-1, this.at);
    this.at += 2;
    this.chunks.push(this.buffer.subarray(0, this.at));
    const out = this.chunks;
    this.chunks = [];
    return out;
  }
}
