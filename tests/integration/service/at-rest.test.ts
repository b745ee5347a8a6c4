import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src-main/vault/open-db.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src-main/vault/schema.js';
import { DEFAULT_SETTINGS } from '../../../src-shared/types.js';
import { freshVaults, importOne, outcome, texts } from './helpers.js';

const vaults = freshVaults();

/** What a thief copies: the vault file and, when present, its -wal and -shm. */
function stolenFiles(path: string): { name: string; bytes: Buffer }[] {
  return ['', '-wal', '-shm']
    .filter((s) => existsSync(path + s))
    .map((s) => ({ name: `vault${s}`, bytes: readFileSync(path + s) }));
}

interface Needle {
  readonly what: string;
  readonly bytes: Buffer;
}

/** A string as SQLite could hold it (UTF-8, or UTF-16 in a UTF-16 database). */
const asText = (what: string, s: string): Needle[] => [
  { what: `${what} (UTF-8)`, bytes: Buffer.from(s, 'utf8') },
  { what: `${what} (UTF-16LE)`, bytes: Buffer.from(s, 'utf16le') },
];

const fromBase64Url = (s: string) => Buffer.from(s, 'base64url');

/** A pointer, whole and in parts: its text, its chat id, and each value, as text and as the raw bytes it encodes. */
function pointerNeedles(what: string, pointer: string): Needle[] {
  const p = JSON.parse(pointer) as Record<string, unknown>;
  const out = [...asText(`${what} pointer`, pointer), ...asText(`${what} chat id`, String(p.c))];
  if (p.v === 2) {
    for (const k of ['n', 'd', 't'] as const) {
      const v = p[k] as string;
      out.push(...asText(`${what} ${k}`, v), { what: `${what} ${k} (raw)`, bytes: fromBase64Url(v) });
    }
  } else {
    const d = p.d as string;
    out.push(...asText(`${what} d`, d), { what: `${what} d (raw)`, bytes: Buffer.from(d, 'hex') });
  }
  return out;
}

/** Every needle found in any file, by name: the test expects none. */
function leaks(files: { name: string; bytes: Buffer }[], needles: Needle[]): string[] {
  const found: string[] = [];
  for (const f of files) {
    for (const n of needles)
      if (n.bytes.length > 0 && f.bytes.includes(n.bytes)) found.push(`${n.what} in ${f.name}`);
  }
  return found;
}

describe('at rest', () => {
  it('a stolen vault (file, -wal and -shm, open or closed) shows no name, secret, text, author, phrase or pointer', async () => {
    const alice = await vaults.user('Alice-Zanzibar', 'ZebraMasterPhrase-Ω42');
    const bob = await vaults.user('Bartholomew-Quill', 'QuillMasterPhrase-Ж77');
    const a = alice.m;
    const b = bob.m;

    // Alice's chats: sealed, legacy with its own id and suffix, one created on receipt.
    const sealed = await a.createChat({
      name: 'Aardvark-Reading-Room',
      secret: 'ZebraSecretPhrase',
      format: 'sealed-v2',
    });
    const legacy = await a.createChat({
      name: 'Walrus-Legacy-Den',
      secret: 'LegacyOtterSecret',
      format: 'legacy',
      legacyId: 'Quokka7731',
      suffix: 'Pelican-Suffix-55',
    });
    const bobsOwn = await b.createChat({
      name: 'Narwhal-Inbound-Chat',
      secret: 'NarwhalSecret-88',
      format: 'sealed-v2',
    });

    const pointers: [string, string][] = [];
    const send = (m: typeof a, id: typeof sealed.id, text: string, label: string) => {
      const p = m.send(id, text).pointer;
      pointers.push([label, p]);
      return p;
    };
    const s1 = send(a, sealed.id, 'Texto-único-xyz, sealed and sent', 'sealed sent');
    const l1 = send(a, legacy.id, 'Mensaje-legado-ñandú, the legacy one, long enough', 'legacy sent');
    const n1 = send(b, bobsOwn.id, 'Narwhal-Hello-Ψ from Bob', 'received on receipt');

    const bs = outcome(await importOne(b, s1, { secret: 'ZebraSecretPhrase' }), 'stored').chatId;
    const bl = outcome(
      await importOne(b, l1, { secret: 'LegacyOtterSecret', suffix: 'Pelican-Suffix-55' }),
      'stored',
    ).chatId;
    const r1 = send(b, bs, 'Reply-Kumquat-Ω sealed reply', 'sealed received');
    const r2 = send(b, bl, 'Respuesta-legada-Ü, the legacy reply, long enough', 'legacy received');
    outcome(await importOne(a, r1), 'stored');
    outcome(await importOne(a, r2), 'stored');
    const onReceipt = outcome(await importOne(a, n1, { secret: 'NarwhalSecret-88' }), 'stored');
    expect(onReceipt.chatName).toBe('Narwhal-Inbound-Chat');

    // Remembered, renamed, trashed and purged data too.
    await a.rememberChat(sealed.id);
    const doomed = a.send(sealed.id, 'Purged-Platypus-Text').message.id;
    a.purgeMessage(sealed.id, doomed);
    const trashed = a.send(legacy.id, 'Trashed-Tapir-Text in the legacy chat').message.id;
    a.trashMessage(legacy.id, trashed);
    a.renameChat(onReceipt.chatId, 'Renamed-Ibex-Chat');
    a.setSettings({ autoLockMinutes: 17 });
    expect(texts(a, sealed.id)).toHaveLength(2);

    const common: Needle[] = [
      ...asText('master phrase', 'ZebraMasterPhrase-Ω42'),
      ...asText('master phrase', 'QuillMasterPhrase-Ж77'),
      ...asText('chat name', 'Aardvark-Reading-Room'),
      ...asText('chat name', 'Walrus-Legacy-Den'),
      ...asText('chat name', 'Narwhal-Inbound-Chat'),
      ...asText('chat name', 'Renamed-Ibex-Chat'),
      ...asText('secret', 'ZebraSecretPhrase'),
      ...asText('secret', 'LegacyOtterSecret'),
      ...asText('secret', 'NarwhalSecret-88'),
      ...asText('legacy id', 'Quokka7731'),
      ...asText('legacy suffix', 'Pelican-Suffix-55'),
      ...asText('sealed wire id', sealed.wireId),
      ...asText('sealed wire id', bobsOwn.wireId),
      ...[
        'Texto-único-xyz',
        'Mensaje-legado-ñandú',
        'Narwhal-Hello-Ψ',
        'Reply-Kumquat-Ω',
        'Respuesta-legada-Ü',
      ]
        .concat(['Purged-Platypus-Text', 'Trashed-Tapir-Text'])
        .flatMap((t) => asText('text', t)),
      ...pointers.flatMap(([label, p]) => pointerNeedles(label, p)),
    ];
    // A received message's author is as private as its text; only the owner's own nickname may be readable.
    const inAlices = [...common, ...asText("Bob's nickname as an author", 'Bartholomew-Quill')];
    const inBobs = [...common, ...asText("Alice's nickname as an author", 'Alice-Zanzibar')];

    // Open: most of the data is still in the WAL.
    for (const [path, needles] of [
      [alice.path, inAlices],
      [bob.path, inBobs],
    ] as const) {
      const files = stolenFiles(path);
      expect(files.map((f) => f.name)).toEqual(['vault', 'vault-wal', 'vault-shm']);
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
      // Control: the scan does see the database's own plain bytes.
      expect(Buffer.concat(files.map((f) => f.bytes)).includes(Buffer.from('CREATE TABLE messages'))).toBe(
        true,
      );
      expect(leaks(files, needles)).toEqual([]);
    }

    // Closed: everything checkpointed into the file.
    await a.close();
    await b.close();
    for (const [path, needles] of [
      [alice.path, inAlices],
      [bob.path, inBobs],
    ] as const) {
      const files = stolenFiles(path);
      const main = files.find((f) => f.name === 'vault');
      expect(main?.bytes.includes(Buffer.from('CREATE TABLE messages'))).toBe(true);
      expect(leaks(files, needles)).toEqual([]);
    }
  });
});

describe('schema migrations', () => {
  function makeV1(path: string): Database.Database {
    const db = new Database(path);
    db.exec(MIGRATIONS[0] as string);
    db.pragma('user_version = 1');
    return db;
  }

  it('openDb upgrades a version 1 vault to the current schema, adding the settings column', () => {
    const path = join(vaults.dir(), 'v1.sqlite');
    const v1 = makeV1(path);
    expect(
      (v1.prepare('PRAGMA table_info(profile)').all() as { name: string }[]).map((c) => c.name),
    ).not.toContain('settings');
    v1.close();

    const db = openDb(path);
    try {
      expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      const cols = (db.prepare('PRAGMA table_info(profile)').all() as { name: string }[]).map((c) => c.name);
      expect(cols).toContain('settings');
    } finally {
      db.close();
    }
    // Opening again is a no-op.
    const again = openDb(path);
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    again.close();
  });

  it("a version 1 user's profile, chats and messages survive the upgrade; settings start at the defaults", async () => {
    // Written by today's code, then moved into a v1 database as the first release would have left it.
    const { m, path: current, master } = await vaults.user('Alice');
    const chat = await m.createChat({ name: 'From v1', secret: 'v1-secret', format: 'sealed-v2' });
    m.send(chat.id, 'written before the upgrade');
    await m.close();

    const path = join(vaults.dir(), 'vault.sqlite');
    const v1 = makeV1(path);
    v1.exec(`ATTACH DATABASE '${current.replace(/'/g, "''")}' AS cur`);
    v1.exec(`INSERT INTO profile SELECT id, nickname, kdf_salt, kdf_log2n, wrapped_key, created_at FROM cur.profile;
             INSERT INTO chats SELECT id, route, meta, unlock_salt, wrapped_key, remembered, created_at, last_activity FROM cur.chats;
             INSERT INTO messages SELECT * FROM cur.messages;`);
    v1.exec('DETACH DATABASE cur');
    v1.close();

    const upgraded = vaults.open(path);
    expect(upgraded.status()).toEqual({ exists: true, nickname: 'Alice', loggedIn: false });
    await upgraded.login(master);
    expect(upgraded.settings()).toEqual(DEFAULT_SETTINGS);
    // The message counts kept on the chat row since schema 3 are filled from the messages there.
    expect(upgraded.chat(chat.id)).toMatchObject({ count: 1, trashCount: 0 });
    await upgraded.unlockChat(chat.id, 'v1-secret');
    expect(texts(upgraded, chat.id)).toEqual(['written before the upgrade']);
    upgraded.setSettings({ autoLockMinutes: 3 });
    upgraded.logout();
    await upgraded.login(master);
    expect(upgraded.settings().autoLockMinutes).toBe(3);
  });

  it('refuses a vault written by a newer version, and leaves it as it was', () => {
    const path = join(vaults.dir(), 'future.sqlite');
    const db = makeV1(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openDb(path)).toThrow(/newer version/);
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    check.close();
  });
});
