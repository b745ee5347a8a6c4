/**
 * How the app draws a pointer (or a link) as a QR code: error correction "M"
 * (15% of the code may be lost) and a one-module quiet zone. At "M" a code
 * holds at most 2,331 bytes: a sealed pointer with about 1,600 ASCII
 * characters of message; a longer pointer is refused, not cut.
 */
export const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 1 } as const;

/**
 * A code of a series is drawn with this many CSS pixels a module, a whole
 * number so every module is crisp: a screenshot of it reads back every time
 * (a code scaled by a fraction sometimes does not, for jsQR and for phones).
 */
export const QR_SERIES_PX = 3;
