/**
 * Keeps the first and last bytes of a stream and counts the rest, so a flood of output costs
 * bounded memory and the reader still sees how it started and how it ended.
 */
export class HeadTailBuffer {
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer = Buffer.alloc(0);
  private total = 0;

  constructor(
    private readonly headCap: number,
    private readonly tailCap: number,
  ) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    let rest = chunk;
    if (this.headBytes < this.headCap) {
      const take = Math.min(this.headCap - this.headBytes, rest.length);
      this.head.push(rest.subarray(0, take));
      this.headBytes += take;
      rest = rest.subarray(take);
    }
    if (rest.length === 0 || this.tailCap === 0) return;
    const joined = Buffer.concat([this.tail, rest]);
    this.tail = joined.length > this.tailCap ? Buffer.from(joined.subarray(joined.length - this.tailCap)) : joined;
  }

  get bytes(): number {
    return this.total;
  }

  get truncated(): boolean {
    return this.total > this.headBytes + this.tail.length;
  }

  /** The kept text, with a line stating how much was left out when anything was. */
  text(): string {
    const head = Buffer.concat(this.head).toString('utf8');
    const tail = this.tail.toString('utf8');
    if (!this.truncated) return head + tail;
    const dropped = this.total - this.headBytes - this.tail.length;
    return `${head}\n[... ${dropped} bytes of output left out, ${this.total} in all ...]\n${tail}`;
  }
}
