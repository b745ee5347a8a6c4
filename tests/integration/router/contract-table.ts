/**
 * The contract, field by field: for every call, arguments its schema accepts
 * and what each field is, so the malformed-call tests can break one thing at a
 * time. contract-table.test.ts checks this table against src-shared/contract.ts.
 */
import { CALL_NAMES, type CallName } from '../../../src-shared/contract.js';
import { LOCKED_SECRET, MASTER, OPEN_SECRET, WRONG_SECRET } from './fixtures.js';

export type Field =
  | { kind: 'string'; max: number; min: 0 | 1; optional?: boolean }
  | { kind: 'id'; optional?: boolean }
  | { kind: 'int'; min: number; max: number; optional?: boolean }
  | { kind: 'bool'; optional?: boolean }
  | { kind: 'enum'; optional?: boolean };

export interface Spec {
  /** Arguments the schema accepts (never run: each case breaks exactly one thing in them). */
  readonly valid: Record<string, unknown>;
  readonly fields: Record<string, Field>;
}

const secretField: Field = { kind: 'string', min: 1, max: 1024 };
const id: Field = { kind: 'id' };
const str = (max: number, min: 0 | 1 = 1, optional = false): Field => ({
  kind: 'string',
  max,
  min,
  optional,
});

/** Calls that take no arguments (their schema is an optional empty strict object). */
export const NO_ARGS: readonly CallName[] = [
  'status',
  'logout',
  'getSettings',
  'listChats',
  'lockAll',
  'cancelImport',
  'backupVault',
  'restoreVault',
  'clipboardPointers',
];

export const SPECS: Partial<Record<CallName, Spec>> = {
  createProfile: {
    valid: { nickname: 'bob', master: MASTER },
    fields: { nickname: str(128), master: secretField },
  },
  login: { valid: { master: MASTER }, fields: { master: secretField } },
  changeMaster: {
    valid: { oldMaster: MASTER, newMaster: WRONG_SECRET },
    fields: { oldMaster: secretField, newMaster: secretField },
  },
  deleteProfile: { valid: { confirm: 'DELETE' }, fields: { confirm: str(16, 0) } },
  setSettings: {
    valid: {
      autoLockMinutes: 7,
      lockOnSuspend: false,
      offerClipboardImport: false,
      logoutAfterMinutes: 45,
      clipboardClearSeconds: 90,
    },
    fields: {
      autoLockMinutes: { kind: 'int', min: 0, max: 1440, optional: true },
      lockOnSuspend: { kind: 'bool', optional: true },
      offerClipboardImport: { kind: 'bool', optional: true },
      logoutAfterMinutes: { kind: 'int', min: 0, max: 1440, optional: true },
      clipboardClearSeconds: { kind: 'int', min: 0, max: 3600, optional: true },
    },
  },
  createChat: {
    valid: {
      name: 'New',
      secret: OPEN_SECRET,
      format: 'legacy',
      legacyId: '42',
      suffix: 'sfx',
      k: 12,
      hidden: false,
    },
    fields: {
      name: str(200),
      secret: secretField,
      format: { kind: 'enum' },
      legacyId: str(64, 1, true),
      suffix: str(256, 1, true),
      k: { kind: 'int', min: 12, max: 18, optional: true },
      hidden: { kind: 'bool', optional: true },
    },
  },
  unlockChat: { valid: { chatId: 2, secret: LOCKED_SECRET }, fields: { chatId: id, secret: secretField } },
  lockChat: { valid: { chatId: 1 }, fields: { chatId: id } },
  chatInfo: { valid: { chatId: 1 }, fields: { chatId: id } },
  renameChat: { valid: { chatId: 1, name: 'Renamed' }, fields: { chatId: id, name: str(200) } },
  deleteChat: { valid: { chatId: 1 }, fields: { chatId: id } },
  rememberChat: { valid: { chatId: 1 }, fields: { chatId: id } },
  forgetChat: { valid: { chatId: 1 }, fields: { chatId: id } },
  openHiddenChat: { valid: { secret: OPEN_SECRET }, fields: { secret: secretField } },
  hideChat: { valid: { chatId: 1, secret: OPEN_SECRET }, fields: { chatId: id, secret: secretField } },
  showChat: { valid: { chatId: 1 }, fields: { chatId: id } },
  send: { valid: { chatId: 1, text: 'hello' }, fields: { chatId: id, text: str(32768) } },
  history: {
    // The schema takes every field at once; the service refuses more than one way of paging.
    valid: { chatId: 1, trash: false, page: 0, pageSize: 10, before: 3, after: 1, around: 2, oldest: false },
    fields: {
      chatId: id,
      trash: { kind: 'bool', optional: true },
      page: { kind: 'int', min: 0, max: 1_000_000, optional: true },
      pageSize: { kind: 'int', min: 1, max: 500, optional: true },
      before: { ...id, optional: true },
      after: { ...id, optional: true },
      around: { ...id, optional: true },
      oldest: { kind: 'bool', optional: true },
    },
  },
  search: { valid: { chatId: 1, query: 'first' }, fields: { chatId: id, query: str(1000) } },
  trashMessage: { valid: { chatId: 1, messageId: 1 }, fields: { chatId: id, messageId: id } },
  restoreMessage: { valid: { chatId: 1, messageId: 2 }, fields: { chatId: id, messageId: id } },
  purgeMessage: { valid: { chatId: 1, messageId: 1 }, fields: { chatId: id, messageId: id } },
  emptyTrash: { valid: { chatId: 1 }, fields: { chatId: id } },
  clearHistory: { valid: { chatId: 1 }, fields: { chatId: id } },
  importPaste: {
    valid: { text: '{"v":2}', secret: OPEN_SECRET, name: 'Imported', suffix: 'sfx', hidden: true },
    fields: {
      text: str(32 * 1024 * 1024),
      secret: { ...secretField, optional: true },
      name: str(200, 1, true),
      suffix: str(256, 1, true),
      hidden: { kind: 'bool', optional: true },
    },
  },
  peekPointer: {
    valid: { text: '{"v":2}', secret: OPEN_SECRET, suffix: 'sfx' },
    fields: { text: str(256 * 1024), secret: secretField, suffix: str(256, 1, true) },
  },
  copyText: { valid: { text: 'copy me' }, fields: { text: str(1024 * 1024, 0) } },
  exportChat: { valid: { chatId: 1 }, fields: { chatId: id } },
};

export const WITH_ARGS = Object.keys(SPECS) as CallName[];

export interface Case {
  readonly label: string;
  readonly args: unknown;
  /** Distinctive parts of what was sent that the message must not repeat. */
  readonly sent: readonly unknown[];
}

const MiB = 1024 * 1024;
/** A distinctive over-long string: the message must not hold any run of it. */
export const long = (n: number) => 'Qz'.repeat(Math.ceil(n / 2)).slice(0, n);

function wrongValues(f: Field): [string, unknown][] {
  const common: [string, unknown][] = [
    ['null', null],
    ['an array', ['array-SENTINEL-value']],
    ['an empty array', []],
    ['an object', { nested: 'object-SENTINEL-value' }],
    ['an empty object', {}],
  ];
  switch (f.kind) {
    case 'string': {
      const out: [string, unknown][] = [
        ['a number', 4242.5],
        ['a boolean', true],
        ...common,
        [`a string over ${f.max}`, long(f.max + 1)],
      ];
      if (f.max < 2 * MiB) out.push(['a 2 MiB string', long(2 * MiB)]);
      if (f.max === 1024) out.push(['a 2000-char secret', long(2000)]);
      if (f.min === 1) out.push(['an empty string', '']);
      return out;
    }
    case 'id':
      return [
        ['a numeric string', '7'],
        ['a string', 'id-SENTINEL-value'],
        ['a boolean', true],
        ...common,
        ['zero', 0],
        ['negative', -1],
        ['negative large', -987654321],
        ['fractional', 1.5],
        ['tiny fractional', 1e-9],
        ['2^53', 2 ** 53],
        ['1e308', 1e308],
        ['Infinity', Number.POSITIVE_INFINITY],
        ['-Infinity', Number.NEGATIVE_INFINITY],
        ['NaN', Number.NaN],
        ['a bigint', 1n],
      ];
    case 'int':
      return [
        ['a numeric string', '7'],
        ['a string', 'int-SENTINEL-value'],
        ['a boolean', true],
        ...common,
        ['below the minimum', f.min - 1],
        ['above the maximum', f.max + 1],
        ['fractional', f.min + 0.5],
        ['1e308', 1e308],
        ['NaN', Number.NaN],
        ['Infinity', Number.POSITIVE_INFINITY],
      ];
    case 'bool':
      return [['a string', 'true'], ['a number', 1], ['zero', 0], ...common];
    case 'enum':
      return [['another format', 'sealed-v3-SENTINEL'], ['an empty string', ''], ['a number', 2], ...common];
  }
}

export function malformed(spec: Spec): Case[] {
  const cases: Case[] = [
    { label: 'no arguments (undefined)', args: undefined, sent: [] },
    {
      label: 'an extra unknown key',
      args: { ...spec.valid, evilKey: 'extra-SENTINEL' },
      sent: ['extra-SENTINEL'],
    },
    {
      label: 'an own __proto__ key',
      args: { ...spec.valid, ...JSON.parse('{"__proto__":{"polluted":"proto-SENTINEL"}}') },
      sent: ['proto-SENTINEL'],
    },
    {
      label: 'a constructor key',
      args: { ...spec.valid, constructor: 'ctor-SENTINEL' },
      sent: ['ctor-SENTINEL'],
    },
    { label: 'a string instead of the object', args: 'string-SENTINEL-args', sent: ['string-SENTINEL-args'] },
    { label: 'a number instead of the object', args: 31337, sent: [31337] },
    { label: 'an array instead of the object', args: [spec.valid], sent: [] },
  ];
  const required = Object.entries(spec.fields).filter(([, f]) => !f.optional);
  if (required.length > 0) {
    cases.push({ label: 'no arguments ({})', args: {}, sent: [] });
    cases.push({ label: 'a Map instead of the object', args: new Map(Object.entries(spec.valid)), sent: [] });
  }
  for (const [name] of required) {
    const { [name]: _drop, ...rest } = spec.valid;
    cases.push({ label: `${name} missing`, args: rest, sent: [] });
  }
  for (const [name, f] of Object.entries(spec.fields)) {
    for (const [what, value] of wrongValues(f)) {
      cases.push({ label: `${name} is ${what}`, args: { ...spec.valid, [name]: value }, sent: [value] });
    }
  }
  return cases;
}

/** Valid arguments for a call, aimed at one chat. */
export function argsFor(name: CallName, chatId: number): unknown {
  const spec = SPECS[name];
  if (!spec) return undefined;
  return 'chatId' in spec.valid ? { ...spec.valid, chatId } : spec.valid;
}

export const CHAT_CALLS = WITH_ARGS.filter((n) => 'chatId' in (SPECS[n] as Spec).fields);

/** Calls that need a logged-in session. */
export const SESSION_CALLS = CALL_NAMES.filter(
  (n) =>
    ![
      'status',
      'createProfile',
      'login',
      'logout',
      'lockAll',
      'cancelImport',
      'copyText',
      'restoreVault',
    ].includes(n),
);
