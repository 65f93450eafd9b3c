/**
 * Splits a wrapper's trailer (run-wrapper.ts) off a command's stdout as it streams: the bytes
 * before the marker are the command's (kept, counted against its output limit, shown as its
 * progress); from the marker on they are the wrapper's, kept apart and bounded on their own. Only
 * the wrapper knows the nonce in the marker, so the command cannot start a trailer; the end of a
 * chunk that could be the start of the marker is held back until the next chunk tells.
 */
export class TrailerSplitter {
  private held: Buffer = Buffer.alloc(0);
  private readonly parts: Buffer[] = [];
  private bytes = 0;
  private seen = false;
  private overflowed = false;
  private readonly marker: Buffer;

  constructor(
    marker: string,
    /** Bytes of trailer kept; past that it is dropped and read as none. */
    private readonly maxBytes: number,
    /** Called once, as the marker arrives: the command has ended by then. */
    private readonly onMarker: () => void = () => undefined,
  ) {
    this.marker = Buffer.from(marker, 'utf8');
  }

  get markerSeen(): boolean {
    return this.seen;
  }

  /** The command's part of `chunk` (possibly empty); the rest is kept as the trailer. */
  push(chunk: Buffer): Buffer {
    if (this.seen) {
      this.keep(chunk);
      return EMPTY;
    }
    const data = this.held.length === 0 ? chunk : Buffer.concat([this.held, chunk]);
    const at = data.indexOf(this.marker);
    if (at >= 0) {
      this.held = EMPTY;
      this.seen = true;
      this.keep(data.subarray(at + this.marker.length));
      this.onMarker();
      return data.subarray(0, at);
    }
    const hold = this.prefixAtEnd(data);
    this.held = Buffer.from(data.subarray(data.length - hold));
    return data.subarray(0, data.length - hold);
  }

  /** What was held back when the output ended without the marker: the command's after all. */
  end(): Buffer {
    const rest = this.held;
    this.held = EMPTY;
    return rest;
  }

  /** The trailer after the marker; null when there was none or it outgrew its bound. */
  text(): string | null {
    return !this.seen || this.overflowed ? null : Buffer.concat(this.parts).toString('utf8');
  }

  private keep(chunk: Buffer): void {
    if (this.overflowed || chunk.length === 0) return;
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      this.overflowed = true;
      this.parts.length = 0;
      return;
    }
    this.parts.push(Buffer.from(chunk));
  }

  /** The length of the longest end of `data` that is a start of the marker. */
  private prefixAtEnd(data: Buffer): number {
    for (let n = Math.min(this.marker.length - 1, data.length); n > 0; n--) {
      if (data.subarray(data.length - n).equals(this.marker.subarray(0, n))) return n;
    }
    return 0;
  }
}

const EMPTY = Buffer.alloc(0);
