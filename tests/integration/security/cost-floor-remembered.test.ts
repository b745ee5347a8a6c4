import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Messenger } from '../../../src-main/service/messenger.js';
import { tempDirs } from '../temp-dirs.js';

// A remembered chat whose stored proof cost is below the floor is not opened at login
// (finding 4); the chat list says so in a sentence instead of leaving it silently locked.

const tmp = tempDirs('clm-floor-');

describe('a remembered chat below the cost floor', () => {
  it('stays locked at login, and its summary says why in one sentence', async () => {
    const vault = join(tmp(), 'vault.sqlite');
    const made = Messenger.open(vault, { profileLog2N: 15, chatLog2N: 12 });
    await made.createProfile('ann', 'ann phrase');
    const weak = await made.createChat({ name: 'Old', format: 'legacy', secret: 'legacy secret' });
    const fine = await made.createChat({ name: 'Fine', format: 'sealed-v2', secret: 'sealed secret', k: 12 });
    await made.rememberChat(weak.id);
    await made.rememberChat(fine.id);
    await made.close();

    // At the product's costs: the profile (2^15) passes, the legacy proof (2^12) does not.
    const m = Messenger.open(vault);
    await m.login('ann phrase');
    const chats = new Map(m.listChats().map((c) => [c.name, c]));
    expect(chats.get('Old')).toMatchObject({ locked: true, remembered: true });
    expect(chats.get('Old')?.notOpened).toBe(
      'Chat "Old" is protected by a cost of 2^12, below the 2^15 this app accepts, so it was not opened.',
    );
    // A sealed chat's cost is the sender's choice: opened, with no such sentence.
    expect(chats.get('Fine')).toMatchObject({ locked: false, remembered: true });
    expect(chats.get('Fine')).not.toHaveProperty('notOpened');
    expect(m.chat(weak.id).notOpened).toBe(chats.get('Old')?.notOpened);
    await m.close();
  }, 60_000);
});
