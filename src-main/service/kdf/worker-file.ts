import { KDF_WORKER_FILE } from '../../app-paths.mjs';
import { bundledWorkerFile } from '../../worker-file.js';

export { outsideAsar } from '../../worker-file.js';

/** The bundled scrypt worker, as a file path a Worker can load (see bundledWorkerFile). */
export const kdfWorkerFile = (moduleUrl: string): string => bundledWorkerFile(KDF_WORKER_FILE, moduleUrl);
