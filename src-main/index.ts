// Electron main-process entry: everything Electron-specific lives in ./shell.
import './shell/app.js';
