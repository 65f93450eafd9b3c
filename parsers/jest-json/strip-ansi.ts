/**
 * Removes terminal colour and cursor codes. jest writes them into failure messages and suite
 * messages even when not on a TTY (npm jest 29.7), and they have no place in a stored record.
 */
// CSI sequences (ESC [ … final byte), OSC sequences (ESC ] … BEL or ESC \), then any stray ESC.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}
