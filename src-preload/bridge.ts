import {
  type BridgeEvent,
  CALL_NAMES,
  type ClmApi,
  EVENT_CHANNEL,
  eventSchema,
  INVOKE_CHANNEL_PREFIX,
} from '../src-shared/contract.js';

export type Invoke = (channel: string, args: unknown) => Promise<unknown>;
export type Subscribe = (channel: string, listener: (payload: unknown) => void) => () => void;

/**
 * Builds window.clm: one function per contract name, nothing else. The
 * preload binds `invoke` to ipcRenderer.invoke; the test harness binds it to
 * the real router through Playwright. Events are validated before a listener
 * sees them.
 */
export function buildBridge(invoke: Invoke, subscribe: Subscribe): ClmApi {
  const api: Record<string, unknown> = {};
  for (const name of CALL_NAMES) {
    api[name] = (args?: unknown) => invoke(`${INVOKE_CHANNEL_PREFIX}${name}`, args ?? {});
  }
  api.onEvent = (listener: (e: BridgeEvent) => void) =>
    subscribe(EVENT_CHANNEL, (payload) => {
      const e = eventSchema.safeParse(payload);
      if (e.success) listener(e.data);
    });
  return Object.freeze(api) as ClmApi;
}
