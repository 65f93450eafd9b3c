/**
 * Keeps one claim's lease alive while its validation runs: renewed every third of the lease, so
 * two renewals can fail before it expires. When a renewal finds the lease gone (this worker was
 * thought dead and the proposal went to another), `onLost` fires once: the validation is stopped
 * and its result will not be written.
 */
import type { ProposalQueue } from '../src/storage/proposal-queue.js';

export class LeaseKeeper {
  private readonly timer: NodeJS.Timeout;
  private lost = false;
  private renewing: Promise<void> = Promise.resolve();

  constructor(
    private readonly queue: ProposalQueue,
    private readonly proposalId: string,
    private readonly token: string,
    private readonly leaseMs: number,
    private readonly onLost: () => void,
    private readonly onRenewFailure: (error: unknown) => void = () => undefined,
  ) {
    this.timer = setInterval(() => {
      this.renewing = this.renew();
    }, Math.max(250, Math.floor(leaseMs / 3)));
  }

  get isLost(): boolean {
    return this.lost;
  }

  private async renew(): Promise<void> {
    if (this.lost) return;
    try {
      const held = await this.queue.renew(this.proposalId, this.token, this.leaseMs);
      if (!held) {
        this.lost = true;
        this.onLost();
      }
    } catch (error) {
      // A database hiccup is not a lost lease: the next renewal may succeed before expiry.
      this.onRenewFailure(error);
    }
  }

  /** Stops renewing; waits for a renewal in flight so none lands after the verdict. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.renewing;
  }
}
