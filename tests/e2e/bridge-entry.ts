// The harness's preload: window.clm built by the same code as the real
// preload, with invoke bound to the router in the test process.
import { buildBridge } from '../../src-preload/bridge.js';

declare global {
  interface Window {
    __clmInvoke(channel: string, args: unknown): Promise<unknown>;
    __clmDispatch(channel: string, payload: unknown): void;
  }
}

const listeners = new Map<string, Set<(payload: unknown) => void>>();
window.__clmDispatch = (channel, payload) => {
  for (const l of listeners.get(channel) ?? []) l(payload);
};
const api = buildBridge(
  (channel, args) => window.__clmInvoke(channel, args),
  (channel, listener) => {
    const set = listeners.get(channel) ?? new Set();
    listeners.set(channel, set);
    set.add(listener);
    return () => set.delete(listener);
  },
);
Object.defineProperty(window, 'clm', { value: api, writable: false, configurable: false });
