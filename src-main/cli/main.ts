// `clm` under Node: the source through tsx (npm run clm), or the built out/main/clm.js (package.json bin).
import { runCli } from './run.js';

process.exitCode = await runCli(process.argv.slice(2));
