/**
 * Finding 6: auto-lock locked chats but kept the profile key. A session unused
 * for the setting's minutes (30 by default, like KeePassXC) now logs out, and
 * the window hears it as `all-locked` with reason logout.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Messenger } from '../../../src-main/service/messenger.js';
import type { MessengerEvent } from '../../../src-shared/types.js';
import { tempDirs } from '../temp-dirs.js';

const tmp = tempDirs('clm-idle-');
const MINUTE = 60_000;
let m: Messenger;
let events: MessengerEvent[];

beforeEach(async () => {
  // Only the clock and the idle timer are faked: scrypt runs in a worker on real time.
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  m = Messenger.open(join(tmp(), 'vault.sqlite'), { chatLog2N: 12, profileLog2N: 12, idleCheckMs: 15_000 });
  await m.createProfile('ann', 'ann phrase');
  events = [];
  m.onEvent((e) => events.push(e));
});

afterEach(async () => {
  await m.close();
  vi.useRealTimers();
});

const loggedIn = () => m.status().loggedIn;

describe('log out after idle minutes', () => {
  it('is on by default at 30 minutes: the session ends and the window is told', () => {
    expect(m.settings().logoutAfterMinutes).toBe(30);
    vi.advanceTimersByTime(29 * MINUTE);
    expect(loggedIn()).toBe(true);
    vi.advanceTimersByTime(2 * MINUTE);
    expect(loggedIn()).toBe(false);
    expect(events).toContainEqual({ type: 'all-locked', reason: 'logout' });
    expect(() => m.listChats()).toThrow('Log in first.');
  });

  it('counts from the last use, not from the login', () => {
    vi.advanceTimersByTime(20 * MINUTE);
    m.listChats();
    vi.advanceTimersByTime(20 * MINUTE);
    expect(loggedIn()).toBe(true);
    vi.advanceTimersByTime(11 * MINUTE);
    expect(loggedIn()).toBe(false);
  });

  it('follows the setting, kept across logins; 0 never logs out', async () => {
    m.setSettings({ logoutAfterMinutes: 2 });
    vi.advanceTimersByTime(3 * MINUTE);
    expect(loggedIn()).toBe(false);
    await m.login('ann phrase');
    expect(m.settings().logoutAfterMinutes).toBe(2);
    m.setSettings({ logoutAfterMinutes: 0 });
    vi.advanceTimersByTime(24 * 60 * MINUTE);
    expect(loggedIn()).toBe(true);
  });

  it('refuses a value that is not a whole number of minutes up to a day, with a sentence, changing nothing', () => {
    for (const bad of [-1, 1.5, 24 * 60 + 1, Number.NaN]) {
      expect(() => m.setSettings({ logoutAfterMinutes: bad })).toThrow(
        /^Log-out minutes must be a whole number from 0 \(never\) to 1440\.$/,
      );
    }
    expect(m.settings().logoutAfterMinutes).toBe(30);
  });
});
