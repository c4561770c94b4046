/**
 * Late data (SPEC §1.2, seed 004): a record whose event time is more than the cutoff before the
 * source's event-time watermark (the largest event time seen so far) is late. The watermark
 * only moves forward.
 */
export class EventTimeWatermark {
  constructor(
    private current: number | null,
    private readonly cutoffMs: number,
  ) {}

  get value(): number | null {
    return this.current;
  }

  /** True when the record is late; otherwise the watermark advances to its event time. */
  observe(eventTimeMs: number): boolean {
    if (!Number.isFinite(eventTimeMs)) return false;
    if (this.current !== null && eventTimeMs < this.current - this.cutoffMs) return true;
    if (this.current === null || eventTimeMs > this.current) this.current = eventTimeMs;
    return false;
  }
}

export function lateReason(eventTimeMs: number, watermarkMs: number, cutoffMs: number): string {
  const behind = watermarkMs - eventTimeMs;
  return `event time ${new Date(eventTimeMs).toISOString()} is ${Math.round(behind / 1000)} s before the source watermark ${new Date(watermarkMs).toISOString()} (cutoff ${Math.round(cutoffMs / 1000)} s)`;
}
