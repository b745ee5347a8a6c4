// `clm` for tests: the real command line, run in-process with low scrypt costs so throwaway
// vaults are quick. The costs reach the CLI only through this host option; the shipped `clm`
// (src-main/cli/main.ts) has no way to lower them.
import { runCli } from '../../src-main/cli/run.js';

process.exitCode = await runCli(process.argv.slice(2), { profileLog2N: 12, chatLog2N: 12 });
