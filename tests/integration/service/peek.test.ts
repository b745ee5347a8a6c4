import { describe, expect, it } from 'vitest';
import { legacyVectors, sealedVectors } from '../../unit/vectors.js';
import { expectServiceError, freshVaults } from './helpers.js';

const v = freshVaults();

describe('peekPointer: what a pointer names its chat, before anything is stored', () => {
  it('with the right secret gives the sealed title, and stores nothing', async () => {
    const { m } = await v.user('bob');
    const withTitle = sealedVectors.find((x) => x.title !== null);
    if (!withTitle) throw new Error('no titled vector');
    expect(await m.peekPointer(withTitle.pointer, withTitle.secret)).toEqual({
      format: 'sealed-v2',
      wireId: withTitle.chat,
      title: withTitle.title,
      name: withTitle.title,
    });
    expect(m.listChats()).toEqual([]);
    // The import that follows still works: the pointer was not marked as seen.
    const [o] = await m.importPaste(withTitle.pointer, { secret: withTitle.secret });
    expect(o).toMatchObject({ kind: 'stored', created: true, chatName: withTitle.title });
  });

  it('offers a default name when there is no title (legacy, or a sealed pointer without one)', async () => {
    const { m } = await v.user('bob');
    const legacy = legacyVectors.find((x) => x.suffix_is_default);
    if (!legacy) throw new Error('no default-suffix vector');
    expect(await m.peekPointer(legacy.pointer, legacy.secret)).toEqual({
      format: 'legacy',
      wireId: legacy.chat,
      name: `Legacy chat ${legacy.chat}`,
    });
    const custom = legacyVectors.find((x) => !x.suffix_is_default);
    if (!custom) throw new Error('no custom-suffix vector');
    await expectServiceError(() => m.peekPointer(custom.pointer, custom.secret), 'wrong-secret');
    expect((await m.peekPointer(custom.pointer, custom.secret, custom.suffix)).format).toBe('legacy');
  });

  it('a wrong secret or a bad pointer is refused with a sentence, and nothing changes', async () => {
    const { m } = await v.user('bob');
    const s = sealedVectors[0];
    if (!s) throw new Error('no vector');
    const wrong = await expectServiceError(() => m.peekPointer(s.pointer, `${s.secret}x`), 'wrong-secret');
    expect(wrong.message).toBe('That secret does not open this pointer; nothing was created or stored.');
    await expectServiceError(() => m.peekPointer('not a pointer', s.secret), 'bad-input');
    expect(m.listChats()).toEqual([]);
  });
});
