import { LIMITS } from '../../../src-shared/limits.js';
import type { ChatSummary } from '../../../src-shared/types.js';
import type { Messenger } from '../../service/messenger.js';
import { intOption, parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { chatLines, infoLines } from '../format.js';
import { promptHidden } from '../prompt.js';
import { readSecret } from '../secret-input.js';
import {
  chatOptions,
  chatSecretSource,
  chosenChat,
  print,
  printJson,
  vaultOptions,
  withLogin,
} from '../session.js';

export async function chats(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, vaultOptions);
  await withLogin(values, (m) => {
    const list = m.listChats();
    if (values.json) {
      printJson(
        list.map((c) => ({
          id: c.id,
          name: c.name,
          format: c.format,
          count: c.count,
          wireId: c.wireId,
          locked: c.locked,
          remembered: c.remembered,
          lastActivity: c.lastActivity,
        })),
      );
    } else print(chatLines(list));
  });
  return 0;
}

export async function chatNew(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...vaultOptions,
    legacy: { type: 'boolean' },
    id: { type: 'string' },
    suffix: { type: 'string' },
    k: { type: 'string' },
    hidden: { type: 'boolean' },
  });
  const name = positionals.join(' ');
  if (name.trim() === '') throw new CliError('Give the new chat a name: `clm chat new NAME`.');
  if (!values.legacy && (values.id !== undefined || values.suffix !== undefined)) {
    throw new CliError(
      '--id and --suffix are for --legacy chats (to talk with the original console program).',
    );
  }
  const k = intOption('k', values.k, LIMITS.kMin, LIMITS.kMax);
  await withLogin(values, async (m) => {
    let secret = await readSecret({ ...chatSecretSource(values), prompt: 'New chat secret: ' });
    if (
      secret !== undefined &&
      process.stdin.isTTY &&
      values['secret-file'] === undefined &&
      !process.env.CLM_CHAT_SECRET
    ) {
      if ((await promptHidden('New chat secret again: ')) !== secret)
        throw new CliError('The two secrets differ; no chat was created.');
    }
    secret ??= '';
    const chat = await m.createChat({
      name,
      secret,
      format: values.legacy ? 'legacy' : 'sealed-v2',
      ...(values.id === undefined ? {} : { legacyId: values.id }),
      ...(values.suffix === undefined ? {} : { suffix: values.suffix }),
      ...(k === undefined ? {} : { k }),
      ...(values.hidden ? { hidden: true } : {}),
    });
    const info = await m.chatInfo(chat.id);
    if (values.json) printJson(info);
    else
      print([
        chat.hidden
          ? 'Hidden chat created: `clm chats` never lists it; its secret opens it (--hidden, or `clm open-hidden`).'
          : `Chat ${chat.id} created.`,
        ...infoLines(info),
        'Share the secret with the other person by a channel you trust, never with the pointers.',
      ]);
  });
  return 0;
}

export async function info(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, chatOptions);
  await withLogin(values, async (m) => {
    const { chat } = await chosenChat(m, values, positionals);
    const i = await m.chatInfo(chat.id);
    if (values.json) printJson(i);
    else print(infoLines(i));
  });
  return 0;
}

/** Commands that act on one unlocked chat and print one sentence. */
function chatAction(
  act: (m: Messenger, chat: ChatSummary, rest: string[]) => Promise<string> | string,
  needsSecret = true,
) {
  return async (args: string[]): Promise<number> => {
    const { values, positionals } = parseCommandArgs(args, chatOptions);
    await withLogin(values, async (m) => {
      const { chat, rest } = await chosenChat(m, values, positionals, needsSecret);
      print(await act(m, chat, rest));
    });
    return 0;
  };
}

export const rename = chatAction((m, chat, rest) => {
  const name = rest.join(' ');
  if (name.trim() === '') throw new CliError('Give the new name: `clm rename CHAT NAME`.');
  return `Chat "${chat.name}" is now "${m.renameChat(chat.id, name).name}".`;
}, false);

export const rm = chatAction((m, chat) => {
  m.deleteChat(chat.id);
  return `Chat "${chat.name}" and all its messages are deleted.`;
}, false);

export const remember = chatAction(async (m, chat) => {
  await m.rememberChat(chat.id);
  return `Chat "${chat.name}" now opens with your login on this computer (its key is kept wrapped under your profile key). \`clm forget\` undoes it.`;
});

export const forget = chatAction((m, chat) => {
  m.forgetChat(chat.id);
  return `Chat "${chat.name}" is no longer remembered: it needs its secret again.`;
});

export const clear = chatAction((m, chat) => {
  const n = m.clearHistory(chat.id);
  return `Chat "${chat.name}": ${n} message${n === 1 ? '' : 's'} deleted forever.`;
});

export const emptyTrash = chatAction((m, chat) => {
  const n = m.emptyTrash(chat.id);
  return `Chat "${chat.name}": trash emptied (${n} message${n === 1 ? '' : 's'} deleted forever).`;
});
