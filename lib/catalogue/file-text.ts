/** A user's file (or text) as a string, or one sentence saying why it cannot be read as text. */

export type TextRead = { ok: true; text: string } | { ok: false; message: string };

/**
 * Decodes `input` as UTF-8 (strictly: a file in another encoding is refused rather than garbled), drops a
 * byte-order mark, and refuses empty, binary or over-large input.
 */
export async function readText(input: string | Blob, maxBytes: number, kind = 'CSV'): Promise<TextRead> {
  const tooLarge = { ok: false as const, message: `The file is larger than ${Math.round(maxBytes / 1e6)} MB.` };
  let text: string;
  if (typeof input === 'string') {
    if (input.length > maxBytes) return tooLarge;
    text = input;
  } else if (typeof Blob !== 'undefined' && input instanceof Blob) {
    if (input.size > maxBytes) return tooLarge;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await input.arrayBuffer());
    } catch {
      return { ok: false, message: `The file is not UTF-8 text: save it as UTF-8 ${kind} and try again.` };
    }
  } else {
    return { ok: false, message: `Nothing to read: choose a ${kind} file.` };
  }
  text = text.replace(/^\uFEFF/u, '');
  if (text.trim() === '') return { ok: false, message: 'The file is empty.' };
  if (text.includes('\u0000')) return { ok: false, message: `This is not a text file: choose a ${kind} file.` };
  return { ok: true, text };
}
