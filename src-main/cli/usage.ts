export const usage = `clm: Chrono-Library Messenger from the terminal

  clm pointer open  [--secret S | --secret-file F] [--suffix X] [POINTER...]
        Opens pointers (from the arguments, else stdin): one JSON line each.
  clm pointer seal  [--secret S | --secret-file F] --chat C --author A
                    [--legacy [--suffix X]] [--k K] [--epoch E] [--nonce B64U] [--title T] TEXT
        Seals TEXT into a pointer (sealed v2 unless --legacy).

Secrets: --secret-file F (first line), else CLM_CHAT_SECRET, else a hidden prompt on a terminal.
`;
