import QRCode from 'qrcode';
import { useEffect, useMemo, useState } from 'react';
import { QR_OPTIONS, QR_SERIES_PX } from '../../../src-shared/qr.js';
import { splitForQr } from '../../../src-shared/qr-parts.js';
import { ActionButton } from './ActionButton.js';
import { Dialog } from './Dialog.js';

const fitsOneCode = (text: string): boolean => {
  try {
    QRCode.create(text, QR_OPTIONS);
    return true;
  } catch {
    return false;
  }
};

/**
 * CSS pixels for the code: a whole number a module, so each module is crisp
 * and a screenshot reads back; about 300 pixels for a small code.
 */
const sizeOf = (text: string): number => {
  const modules = QRCode.create(text, QR_OPTIONS).modules.size + 2 * QR_OPTIONS.margin;
  return modules * Math.max(QR_SERIES_PX, Math.floor(300 / modules));
};

/**
 * A pointer as a QR code, for handing it over from screen to phone; one too
 * long for a code becomes a numbered series, shown one code at a time, which
 * the import dialog joins again in any order.
 */
export function QrDialog({ pointer, onClose }: { pointer: string; onClose: () => void }) {
  const codes = useMemo(() => splitForQr(pointer, fitsOneCode), [pointer]);
  const [index, setIndex] = useState(0);
  const [src, setSrc] = useState<{ url: string; size: number }>();
  const [error, setError] = useState<string>();
  const many = codes.length > 1;
  useEffect(() => {
    setSrc(undefined);
    QRCode.toString(codes[index] ?? '', { type: 'svg', ...QR_OPTIONS })
      .then((svg) =>
        setSrc({
          url: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
          size: sizeOf(codes[index] ?? ''),
        }),
      )
      .catch(() => setError('This pointer cannot be drawn as a QR code; copy it as text instead.'));
  }, [codes, index]);
  const where = `code ${index + 1} of ${codes.length}`;
  const body = (
    <>
      {many && (
        <p className="hint" aria-live="polite">
          This pointer takes {codes.length} codes: this is {where}. Screenshot or scan each one; the import
          dialog joins them in any order.
        </p>
      )}
      {src && (
        <img
          className="qr"
          src={src.url}
          width={src.size}
          height={src.size}
          alt={many ? `QR ${where} of the pointer` : 'QR code of the pointer'}
        />
      )}
      {error && <p className="error">{error}</p>}
      <p className="hint">Anyone can scan it; only someone with the chat's secret can read it.</p>
      <div className="actions">
        {many && (
          <>
            <ActionButton type="button" enabled={index > 0} onClick={() => setIndex((i) => i - 1)}>
              Previous code
            </ActionButton>
            <ActionButton
              type="button"
              enabled={index < codes.length - 1}
              data-autofocus
              onClick={() => setIndex((i) => i + 1)}
            >
              Next code
            </ActionButton>
          </>
        )}
        <button type="button" className="primary" onClick={onClose} data-autofocus={many ? undefined : true}>
          Close
        </button>
      </div>
    </>
  );
  // Two literal titles, so each dialog is named where the accessibility walk can read it.
  return many ? (
    <Dialog title="Pointer as QR codes" onClose={onClose}>
      {body}
    </Dialog>
  ) : (
    <Dialog title="Pointer as a QR code" onClose={onClose}>
      {body}
    </Dialog>
  );
}
