/** Turns an uploaded file into a modest JPEG data URL for the offscreen reader (messages are JSON). */
const MAX_SIDE = 1280;

export async function photoToDataUrl(file: File): Promise<string> {
  const bitmap = await createImageBitmap(file); // rejects for anything that is not a decodable image
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.drawImage(bitmap, 0, 0, width, height);
    return canvas.toDataURL('image/jpeg', 0.92);
  } finally {
    bitmap.close();
  }
}
