export const usage = `clm: Chrono-Library Messenger from the terminal

Usage: clm [--vault PATH] COMMAND [--json] ...      (vault: --vault, else CLM_VAULT, else the app's folder)

Profile
  init --name NICK                 create the profile (asks for a master phrase twice)
  passwd                           change the master phrase
  delete-profile                   delete the vault file (asks you to type DELETE)

Chats                              CHAT is a number from \`clm chats\`, a chat id, or a unique name
  chats                            list chats: name, format, lock state, count
  chat new NAME [--k K]            new sealed v2 chat (asks for its secret twice)
  chat new NAME --legacy [--id ID] [--suffix S]
                                   new chat in the original console program's format (unauthenticated)
  chat new NAME --hidden           a hidden chat (with either format): never listed, its secret opens it
  info CHAT                        format, id, k or suffix, fingerprint to compare with the other person
  rename CHAT NAME | rm CHAT | clear CHAT | empty-trash CHAT
  remember CHAT | forget CHAT      keep / stop keeping the chat's key on this computer, unlocked by login

Hidden chats                       no list shows them: --hidden in place of CHAT, in any command above or
                                   below, opens the one the chat secret finds (e.g. send --hidden TEXT)
  open-hidden                      the hidden chat the secret finds, shown as \`info\` shows a chat
  hide CHAT                        hide a chat (asks for its secret again)
  unhide                           list the hidden chat the secret finds again, like any chat

Messages
  send CHAT TEXT                   seal TEXT (or - for stdin) and print the pointer to hand over
  import [FILE|-] [--name NAME] [--suffix S] [--hidden]
                                   read pointers someone sent you (or clm:// links); one line per pointer;
                                   a chat created on receipt with --hidden is hidden
  import --qr IMAGE.png [IMAGE...] the same from QR codes in PNG images (screenshots); a series in any order
  history CHAT [--trash] | search CHAT WORDS
  trash CHAT MSG | restore CHAT MSG | purge CHAT MSG

Moving to another computer
  export CHAT [FILE]               the chat's pointers, one a line; \`clm import\` with its secret rebuilds
                                   the history there (your own messages come back as sent)
  backup FILE                      a copy of the whole vault, as encrypted as the vault itself
  restore-backup FILE              replace the vault with a backup; the current one is kept beside it

Pointers without a vault
  pointer open [--secret S | --secret-file F] [--suffix X] [POINTER...]
  pointer seal [--secret S | --secret-file F] --chat C --author A [--legacy [--suffix X]]
               [--k K] [--epoch E] [--nonce B64U] [--title T] TEXT

Secrets are asked for at a hidden prompt on a terminal; otherwise the master phrase comes from
--passphrase-file F or CLM_PASSPHRASE, a chat secret from --secret-file F or CLM_CHAT_SECRET
(the file's first line). A chat secret given unlocks the chat a command names; \`import\` tries it
on every pointer whose chat is locked or unknown.
`;
