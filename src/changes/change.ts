/** One change a proposal makes to a project: a whole file written (new or replaced), or deleted. */
export type Change =
  | { readonly kind: 'write'; readonly path: string; readonly content: Buffer }
  | { readonly kind: 'delete'; readonly path: string };

/** How a change is stored: binary-safe, and the same JSON the changes file accepts. */
export type StoredChange = { readonly filepath: string; readonly contentBase64: string } | { readonly filepath: string; readonly delete: true };

export function toStored(change: Change): StoredChange {
  return change.kind === 'delete'
    ? { filepath: change.path, delete: true }
    : { filepath: change.path, contentBase64: change.content.toString('base64') };
}

export function fromStored(change: StoredChange): Change {
  return 'delete' in change
    ? { kind: 'delete', path: change.filepath }
    : { kind: 'write', path: change.filepath, content: Buffer.from(change.contentBase64, 'base64') };
}
