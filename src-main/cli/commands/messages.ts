import { LIMITS } from '../../../src-shared/limits.js';
import type { MessageId, MessageView } from '../../../src-shared/types.js';
import { parseCommandArgs } from '../args.js';
import { CliError } from '../cli-error.js';
import { messageLines } from '../format.js';
import { chatOptions, chosenChat, print, printJson, withLogin } from '../session.js';
import { readStdin } from '../stdin.js';

const messageJson = (m: MessageView) => ({
  id: m.id,
  direction: m.direction,
  author: m.author,
  text: m.text,
  epoch: m.epoch,
  deleted: m.deleted,
  pointer: m.pointer,
});

export async function send(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, chatOptions);
  await withLogin(values, async (m) => {
    const { chat, rest: words } = await chosenChat(m, values, positionals);
    // TEXT "-" reads the message from stdin, for multi-line messages.
    const text =
      words.length === 1 && words[0] === '-' ? (await readStdin()).replace(/\n$/, '') : words.join(' ');
    if (text === '')
      throw new CliError('Give the message text: `clm send CHAT TEXT` (or - to read it from stdin).');
    const { pointer, message } = m.send(chat.id, text);
    if (values.json) printJson({ pointer, message: messageJson(message) });
    else print(pointer);
  });
  return 0;
}

export async function history(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...chatOptions, trash: { type: 'boolean' } });
  await withLogin(values, async (m) => {
    const { chat } = await chosenChat(m, values, positionals);
    const trash = values.trash === true;
    // History comes in pages of at most 500: walk back to the oldest to print it all.
    let page = m.history(chat.id, { trash });
    const messages = page.messages;
    while (page.hasOlder && page.messages[0]) {
      page = m.history(chat.id, { trash, before: page.messages[0].id });
      messages.unshift(...page.messages);
    }
    page = { ...page, messages };
    if (values.json) printJson(page.messages.map(messageJson));
    else if (page.messages.length === 0) print(values.trash ? 'The trash is empty.' : 'No messages yet.');
    else print(messageLines(page.messages));
  });
  return 0;
}

export async function search(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, chatOptions);
  await withLogin(values, async (m) => {
    const { chat, rest: words } = await chosenChat(m, values, positionals);
    const found = m.search(chat.id, words.join(' '));
    if (values.json) printJson(found.map(messageJson));
    else if (found.length === 0) print('Nothing found.');
    else {
      print(messageLines(found));
      if (found.length >= LIMITS.searchResultsMax)
        print(`Showing the first ${LIMITS.searchResultsMax}: add a word to narrow the search.`);
    }
  });
  return 0;
}

function messageAction(act: 'trash' | 'restore' | 'purge') {
  return async (args: string[]): Promise<number> => {
    const { values, positionals } = parseCommandArgs(args, chatOptions);
    const msg = positionals[values.hidden ? 0 : 1];
    if (msg === undefined || !/^\d+$/.test(msg)) {
      throw new CliError(
        `Give the message number: \`clm ${act} CHAT MSG\` (numbers are in \`clm history\`).`,
      );
    }
    const id = Number(msg) as MessageId;
    await withLogin(values, async (m) => {
      const { chat } = await chosenChat(m, values, positionals);
      if (act === 'trash') m.trashMessage(chat.id, id);
      else if (act === 'restore') m.restoreMessage(chat.id, id);
      else m.purgeMessage(chat.id, id);
      const done = {
        trash: 'moved to the trash',
        restore: 'restored from the trash',
        purge: 'deleted forever',
      }[act];
      print(`Message ${id} ${done}.`);
    });
    return 0;
  };
}

export const trash = messageAction('trash');
export const restore = messageAction('restore');
export const purge = messageAction('purge');
