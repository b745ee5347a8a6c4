// The sandboxed preload: exposes window.clm, built from the contract, and nothing else.
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import { buildBridge } from './bridge.js';

const api = buildBridge(
  (channel, args) => ipcRenderer.invoke(channel, args),
  (channel, listener) => {
    // The renderer never receives the IpcRendererEvent (it would expose `sender`).
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.off(channel, wrapped);
  },
);

contextBridge.exposeInMainWorld('clm', api);
