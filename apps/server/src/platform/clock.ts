/** The time source. Engines and services take a clock instead of reading the system time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * The system time moved by a fixed offset (ZONEOS_CLOCK_OFFSET_HOURS): for training zones and the browser journeys
 * that need "ten working days later" without waiting for them. Never set in production.
 */
export function offsetClock(offsetMs: number): Clock {
  return { now: () => new Date(Date.now() + offsetMs) };
}

/** A clock the tests move by hand. */
export function manualClock(start: Date): Clock & { advance(ms: number): void; set(d: Date): void } {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance(ms) {
      t += ms;
    },
    set(d) {
      t = d.getTime();
    },
  };
}
