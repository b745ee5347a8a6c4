// Electron main-process entry: everything Electron-specific lives in ./shell.
import { main } from './shell/app.js';

void main({
  mainDir: import.meta.dirname,
  argv: process.argv,
  resourcesPath: process.resourcesPath,
  electronVersion: process.versions.electron,
  arch: process.arch,
});
