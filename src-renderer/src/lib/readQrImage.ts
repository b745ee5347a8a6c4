/** The largest image file the import dialog reads a QR code from. */
export const QR_IMAGE_BYTES = 20 * 1024 * 1024;

/** Pixels decoded at most; a larger picture is scaled down to this first (a code survives that). */
const MAX_PIXELS = 16_000_000;

/** Whether a dropped, opened or pasted file is a picture (by its type, else by its name). */
export const isImage = (file: File): boolean =>
  file.type.startsWith('image/') || /\.(png|jpe?g|gif|webp|bmp|avif)$/i.test(file.name);

/** Why a picture gave no text: its sentence is shown as it is. */
export class QrImageError extends Error {}

/**
 * The text of the QR code in an image file (a screenshot of a code, a photo):
 * drawn on a canvas, its pixels read by jsQR (loaded only when first needed).
 */
export async function readQrImage(file: Blob): Promise<string> {
  if (file.size > QR_IMAGE_BYTES)
    throw new QrImageError(
      `That image is larger than ${QR_IMAGE_BYTES / 2 ** 20} MB; crop it to the code first.`,
    );
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new QrImageError('That file cannot be read as an image.');
  }
  const scale = Math.min(1, Math.sqrt(MAX_PIXELS / (bitmap.width * bitmap.height)));
  const w = Math.max(1, Math.round(bitmap.width * scale));
  const h = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new QrImageError('That image cannot be read here.');
  // A transparent picture (a PNG code on no background) reads as dark on white.
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.drawImage(bitmap, 0, 0, w, h);
  bitmap.close();
  const { data } = ctx.getImageData(0, 0, w, h);
  const { default: jsQR } = await import('jsqr');
  const found = jsQR(data, w, h, { inversionAttempts: 'attemptBoth' });
  if (!found?.data.trim()) throw new QrImageError('No QR code could be read in that image.');
  return found.data;
}
