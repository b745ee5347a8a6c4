import { parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { infoLines } from '../format.js';
import { requireSecret } from '../secret-input.js';
import { chatSecretSource, hiddenChat, print, printJson, vaultOptions, withLogin } from '../session.js';

// Hidden chats (docs/hidden-chats.md) from the terminal. Each command is a session of its own, so a
// hidden chat is closed when one starts: its secret alone finds it, and nothing lists it before.

/** `open-hidden`: the hidden chat the secret finds, shown as `info` shows a chat. */
export async function openHidden(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, vaultOptions);
  if (positionals.length > 0)
    throw new CliError('`clm open-hidden` takes no chat: the secret alone finds the hidden chat.');
  await withLogin(values, async (m) => {
    const info = await m.chatInfo((await hiddenChat(m, values)).id);
    if (values.json) printJson(info);
    else print(infoLines(info));
  });
  return 0;
}

/** `hide CHAT`: the chat moves into the hidden cells; its secret is asked again, as it finds the chat from then on. */
export async function hide(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, vaultOptions);
  const [ref, ...extra] = positionals;
  if (ref === undefined || extra.length > 0)
    throw new CliError('Name one chat to hide: `clm hide CHAT` (its number from `clm chats`, or its name).');
  await withLogin(values, async (m) => {
    const chat = m.findChat(ref);
    const secret = await requireSecret(chatSecretSource(values, `Secret of chat "${chat.name}": `));
    const hidden = await m.hideChat(chat.id, secret);
    print(
      `Chat "${hidden.name}" is hidden: \`clm chats\` no longer lists it, and only its secret opens it (--hidden in place of CHAT, or \`clm open-hidden\`).`,
    );
  });
  return 0;
}

/** `unhide`: the hidden chat the secret finds goes back among the listed chats. */
export async function unhide(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, vaultOptions);
  if (positionals.length > 0)
    throw new CliError('`clm unhide` takes no chat: the secret alone finds the hidden chat.');
  await withLogin(values, async (m) => {
    const shown = await m.showChat((await hiddenChat(m, values)).id);
    print(`Chat "${shown.name}" is listed again, as chat ${shown.id} in \`clm chats\`.`);
  });
  return 0;
}
