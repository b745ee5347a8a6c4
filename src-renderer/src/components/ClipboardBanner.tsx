import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../lib/api.js';
import { plural } from '../lib/plural.js';

/**
 * "Import 3 pointers from the clipboard": offered when the window gains the
 * focus and the clipboard holds pointers (or clm: links) not stored yet, if
 * the setting allows. The clipboard is read only then, only its unstored
 * pointers reach this page, nothing is imported without a click, and a
 * pointer offered once (taken or not) is not offered again this session.
 */
export function ClipboardBanner(props: { paused: boolean; onImport: (text: string) => void }) {
  const [offer, setOffer] = useState<string[]>();
  const offered = useRef(new Set<string>());
  const paused = useRef(props.paused);
  paused.current = props.paused;

  const look = useCallback(async () => {
    if (paused.current) return;
    try {
      if (!(await call('getSettings')).offerClipboardImport) return setOffer(undefined);
      const { text } = await call('clipboardPointers');
      const fresh = text.split('\n').filter((p) => p.trim() && !offered.current.has(p));
      setOffer(fresh.length > 0 ? fresh : undefined);
    } catch {
      // Logged out meanwhile, or the clipboard unreadable: nothing to offer.
    }
  }, []);

  useEffect(() => {
    void look();
    const onFocus = () => void look();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [look]);

  const done = (take: boolean) => {
    if (!offer) return;
    for (const p of offer) offered.current.add(p);
    setOffer(undefined);
    if (take) props.onImport(offer.join('\n'));
  };

  if (!offer || props.paused) return null;
  return (
    <section className="banner" aria-label="Clipboard">
      <p>The clipboard holds {plural(offer.length, 'pointer')} not stored yet.</p>
      <div className="row">
        <button type="button" className="primary" onClick={() => done(true)}>
          Import {plural(offer.length, 'pointer')} from the clipboard
        </button>
        <button type="button" onClick={() => done(false)}>
          Not now
        </button>
      </div>
    </section>
  );
}
