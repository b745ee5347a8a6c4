import type { ChatInfo, ChatSummary, ImportOutcome, MessageView } from '../../src-shared/types.js';

const when = (epoch: number): string => {
  const d = new Date(epoch * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};

export function chatLines(chats: ChatSummary[]): string[] {
  if (chats.length === 0)
    return ['No chats yet: `clm chat new NAME`, or `clm import` a pointer someone sent you.'];
  return chats.map((c) => {
    const state = `${c.remembered ? 'remembered' : c.locked ? 'locked' : 'open'}${c.hidden ? ', hidden' : ''}`;
    const fmt = c.format === 'legacy' ? `legacy ${c.wireId}` : 'sealed v2';
    return `${String(c.id).padStart(4)}  ${c.name}  [${fmt}, ${state}]  ${c.count} message${c.count === 1 ? '' : 's'}, last ${when(c.lastActivity)}`;
  });
}

export function messageLines(ms: MessageView[]): string[] {
  return ms.map((m) => {
    const arrow = m.direction === 'sent' ? '→' : '←';
    const text = m.text.replace(/\n/g, '\n        ');
    return `${String(m.id).padStart(5)}  ${when(m.epoch)} ${arrow} ${m.author}: ${text}`;
  });
}

export function infoLines(c: ChatInfo): string[] {
  const lines = [
    `name         ${c.name}`,
    `format       ${c.format === 'legacy' ? 'legacy (CLM 2.0.x compatible)' : 'sealed v2'}`,
    `id           ${c.wireId}`,
    c.format === 'legacy' ? `suffix       ${c.suffix}` : `k            ${c.k}`,
    `fingerprint  ${c.fingerprint}`,
    `messages     ${c.count} (${c.trashCount} in the trash)`,
    `remembered   ${c.remembered ? 'yes, on this computer' : 'no'}`,
  ];
  if (c.hidden) lines.push('hidden       yes: never listed; its secret alone opens it (--hidden)');
  if (c.format === 'legacy') {
    lines.push(
      'warning      Legacy pointers are not authenticated: anyone can alter them undetected, and a wrong',
      '             secret is not always noticed. Use sealed v2 chats unless you talk to the console program.',
    );
  }
  return lines;
}

export function outcomeLine(o: ImportOutcome, n: number): string {
  const tag = {
    stored: 'stored',
    duplicate: 'duplicate',
    'needs-secret': 'needs secret',
    'new-chat': 'new chat',
    'wrong-secret': 'wrong secret',
    refused: 'refused',
  }[o.kind];
  return `${String(n).padStart(4)}  ${tag}: ${o.message}`;
}
