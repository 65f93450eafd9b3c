/**
 * How many image builds one process runs at once (1): a build takes every core it can get, and
 * validations of projects whose image exists must keep going meanwhile. Builds of one tag are
 * shared besides (ensure-image.ts), so a project never builds twice at the same time.
 */
export const MAX_CONCURRENT_BUILDS = 1;

let running = 0;
const waiting: (() => void)[] = [];

/** Runs `build` once a slot is free; the slot is given back however it ends. */
export async function withBuildSlot<T>(build: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_BUILDS) await new Promise<void>((resolve) => waiting.push(resolve));
  else running += 1;
  try {
    return await build();
  } finally {
    const next = waiting.shift();
    // The slot passes straight to the next build: `running` stays counted for it.
    if (next !== undefined) next();
    else running -= 1;
  }
}
