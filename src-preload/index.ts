// The preload exposes an allow-list of named calls (window.clm) and nothing
// else; the contract and its calls arrive with the bridge issue.
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('clm', Object.freeze({}));
