import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { QR_OPTIONS } from '../../../src-shared/qr.js';
import { Dialog } from './Dialog.js';

/** A pointer as a QR code, for handing it over from screen to phone. */
export function QrDialog({ pointer, onClose }: { pointer: string; onClose: () => void }) {
  const [src, setSrc] = useState<string>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    QRCode.toString(pointer, { type: 'svg', ...QR_OPTIONS })
      .then((svg) => setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`))
      .catch(() => setError('This pointer is too long for a QR code; copy it as text instead.'));
  }, [pointer]);
  return (
    <Dialog title="Pointer as a QR code" onClose={onClose}>
      {src && <img className="qr" src={src} alt="QR code of the pointer" />}
      {error && <p className="error">{error}</p>}
      <p className="hint">Anyone can scan it; only someone with the chat's secret can read it.</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </Dialog>
  );
}
