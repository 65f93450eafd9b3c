/**
 * Images a validation of this process is using right now (`markInUse`): from the image phase
 * until its sandbox is released, never evicted (image-disk.ts). When each was last used is the
 * store's to say (storage/image-last-uses.ts).
 */
const inUse = new Map<string, number>();

/** Marks `tag` used by this process until the returned release is called (idempotent). */
export function markInUse(tag: string): () => void {
  inUse.set(tag, (inUse.get(tag) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (inUse.get(tag) ?? 1) - 1;
    if (left <= 0) inUse.delete(tag);
    else inUse.set(tag, left);
  };
}

export function imagesInUseHere(): ReadonlySet<string> {
  return new Set(inUse.keys());
}
