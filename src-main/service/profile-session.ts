import { rmSync } from 'node:fs';
import {
  autoLockProblem,
  clipboardClearProblem,
  logoutAfterProblem,
  nicknameProblem,
} from '../../src-shared/checks.js';
import { DEFAULT_SETTINGS, type ProfileStatus, type Settings } from '../../src-shared/types.js';
import { wipe } from '../core/bytes.js';
import { open, openJson, seal, sealJson } from '../vault/box.js';
import { lockIdleChats, openRemembered } from './chat-keys.js';
import { now, type ServiceContext } from './context.js';
import { refuseWeakCost } from './cost-floor.js';
import { addCover, addLoginCover } from './hidden/cover.js';
import { ServiceError } from './service-error.js';
import { masterBytes, PROFILE_KDF_LOG2N, randomKey, randomSalt } from './vault-keys.js';

// The profile and its session: create, log in and out, change the master
// phrase, delete, settings, and the idle timer that runs while logged in.

export function status(ctx: ServiceContext): ProfileStatus {
  const p = ctx.store.profile();
  return p
    ? { exists: true, nickname: p.nickname, loggedIn: ctx.session !== undefined }
    : { exists: false, loggedIn: false };
}

/** The key that wraps DK: the master phrase through scrypt, in the worker. */
const masterKek = (ctx: ServiceContext, master: string, salt: Uint8Array, log2n: number) =>
  ctx.kdf.scrypt(masterBytes(master), salt, log2n, 32);

export async function createProfile(ctx: ServiceContext, nickname: string, master: string): Promise<void> {
  if (ctx.store.profile()) throw new ServiceError('profile-exists', 'This vault already has a profile.');
  const nickProblem = nicknameProblem(nickname);
  if (nickProblem) throw new ServiceError('bad-input', nickProblem);
  if (master.trim() === '') throw new ServiceError('bad-input', 'The master phrase is empty.');
  const nick = nickname.trim();
  const log2n = ctx.opts.profileLog2N ?? PROFILE_KDF_LOG2N;
  const salt = randomSalt();
  const kek = await masterKek(ctx, master, salt, log2n);
  const dk = randomKey();
  ctx.store.insertProfile(
    {
      nickname: nick,
      kdf_salt: salt,
      kdf_log2n: log2n,
      wrapped_key: seal(kek, dk, 'profile-key'),
      settings: sealJson(dk, DEFAULT_SETTINGS, 'settings'),
    },
    now(),
  );
  // Every vault carries chaff cells from the start, hidden chats or not (docs/hidden-chats.md).
  addCover(ctx.cells, 'pool');
  wipe(kek);
  ctx.session = { dk, nickname: nick, settings: DEFAULT_SETTINGS, lastActive: Date.now() };
  ctx.writer.warm();
  startIdleTimer(ctx);
}

async function unwrapProfileKey(ctx: ServiceContext, master: string): Promise<Uint8Array> {
  const p = ctx.store.profile();
  if (!p) throw new ServiceError('no-profile', 'There is no profile in this vault yet; create one first.');
  refuseWeakCost(p.kdf_log2n, ctx.opts.profileLog2N, "This vault's master phrase");
  const kek = await masterKek(ctx, master, p.kdf_salt, p.kdf_log2n);
  const opened = open(kek, p.wrapped_key, 'profile-key');
  wipe(kek);
  if (!opened) throw new ServiceError('wrong-passphrase', 'That master phrase is not the right one.');
  // DK gets an array of its own (a Buffer may share its memory); the opened copy is wiped.
  const dk = new Uint8Array(opened);
  wipe(opened);
  return dk;
}

export async function login(ctx: ServiceContext, master: string): Promise<void> {
  const dk = await unwrapProfileKey(ctx, master);
  const p = ctx.store.profile();
  if (!p) throw new ServiceError('no-profile', 'The profile was deleted meanwhile.');
  // A profile made at a lower cost (an older app, or by hand) is brought up to today's cost now
  // that the phrase is known.
  const target = ctx.opts.profileLog2N ?? PROFILE_KDF_LOG2N;
  if (p.kdf_log2n < target) await rewrap(ctx, dk, master, target);
  logout(ctx);
  const settings = (p.settings && openJson<Settings>(dk, p.settings, 'settings')) || DEFAULT_SETTINGS;
  ctx.session = {
    dk,
    nickname: p.nickname,
    settings: { ...DEFAULT_SETTINGS, ...settings },
    lastActive: Date.now(),
  };
  // The import writer's thread starts now, while the person looks at the chat list, not with their first paste.
  ctx.writer.warm();
  for (const row of ctx.store.chats()) {
    if (row.remembered) openRemembered(ctx, row);
  }
  addLoginCover(ctx.cells);
  startIdleTimer(ctx);
}

/** Forgets every key: the profile's and every chat's (logout, suspend, screen lock, quit). */
export function logout(ctx: ServiceContext, reason: 'logout' | 'suspend' = 'logout'): void {
  const had = ctx.session !== undefined;
  ctx.open.wipeAll();
  ctx.hidden.wipeAll();
  // The write-ahead log would keep rewritten cells' earlier boxes (docs/hidden-chats.md): emptied at
  // every logout, hidden chats or not.
  if (had && !ctx.closed) ctx.cells.checkpoint();
  if (ctx.session) wipe(ctx.session.dk);
  ctx.session = undefined;
  if (ctx.idleTimer) clearInterval(ctx.idleTimer);
  ctx.idleTimer = undefined;
  if (had) ctx.emit({ type: 'all-locked', reason });
}

/** Re-wraps the one profile key under the new phrase; nothing else is re-encrypted. */
export async function changeMaster(ctx: ServiceContext, oldMaster: string, newMaster: string): Promise<void> {
  ctx.requireSession();
  if (newMaster.trim() === '') throw new ServiceError('bad-input', 'The new master phrase is empty.');
  const dk = await unwrapProfileKey(ctx, oldMaster);
  await rewrap(ctx, dk, newMaster, ctx.opts.profileLog2N ?? PROFILE_KDF_LOG2N);
  wipe(dk);
}

/** Wraps DK under the phrase at the cost given, with a fresh salt. */
async function rewrap(ctx: ServiceContext, dk: Uint8Array, master: string, log2n: number): Promise<void> {
  const salt = randomSalt();
  const kek = await masterKek(ctx, master, salt, log2n);
  ctx.store.rewrapProfile(salt, log2n, seal(kek, dk, 'profile-key'));
  wipe(kek);
}

/** Removes the vault file and its -wal and -shm. Needs the login and the word DELETE. */
export function deleteProfile(ctx: ServiceContext, confirm: string): void {
  ctx.requireSession();
  if (confirm !== 'DELETE') {
    throw new ServiceError('not-confirmed', 'To delete the profile, type the word DELETE exactly.');
  }
  logout(ctx);
  // The file goes; the messenger stays usable: the next call opens a fresh, empty vault.
  ctx.closeVault(false);
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(ctx.path + suffix, { force: true });
}

export function setSettings(ctx: ServiceContext, patch: Partial<Settings>): Settings {
  const s = ctx.requireSession();
  const next = { ...s.settings, ...patch };
  const problem =
    autoLockProblem(next.autoLockMinutes) ??
    logoutAfterProblem(next.logoutAfterMinutes) ??
    clipboardClearProblem(next.clipboardClearSeconds);
  if (problem) throw new ServiceError('bad-input', problem);
  s.settings = next;
  ctx.store.setSettings(sealJson(s.dk, s.settings, 'settings'));
  return s.settings;
}

export async function close(ctx: ServiceContext): Promise<void> {
  if (ctx.closed) return;
  logout(ctx);
  await ctx.writer.close();
  ctx.closeVault(true);
  await ctx.kdf.close();
}

function startIdleTimer(ctx: ServiceContext): void {
  if (ctx.idleTimer) clearInterval(ctx.idleTimer);
  ctx.idleTimer = setInterval(() => idleCheck(ctx, Date.now()), ctx.opts.idleCheckMs ?? 15_000);
  ctx.idleTimer.unref();
}

/**
 * Each tick of the idle timer: chats idle too long lock, and a session unused
 * for the logout setting's minutes logs out, so the profile key does not stay
 * in memory on a computer left alone (screen-lock events do not come on every system).
 */
export function idleCheck(ctx: ServiceContext, at: number): void {
  const s = ctx.session;
  if (!s) return;
  const minutes = s.settings.logoutAfterMinutes;
  if (minutes > 0 && at - s.lastActive >= minutes * 60_000) logout(ctx, 'logout');
  else lockIdleChats(ctx, at);
}
