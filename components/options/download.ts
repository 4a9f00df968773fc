/** Saves text as a file the browser downloads (a blob: link; nothing leaves the computer). */
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  Object.assign(document.createElement('a'), { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Today's date for file names: 2026-11-27. */
export const today = () => new Date().toISOString().slice(0, 10);
