import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { COVER, type CoverDraw } from '../../../src-main/service/hidden/cover.js';
import { CELL_BOX, CELL_TAG } from '../../../src-main/vault/cell-store.js';
import { freshVaults } from '../service/helpers.js';

const vaults = freshVaults();

/** What whoever holds the file (and the master phrase) can measure without any chat secret. */
interface Shape {
  /** Rows per table. */
  readonly rows: Record<string, number>;
  /** For each table.column holding blobs, the sorted set of lengths found there. */
  readonly lengths: Record<string, number[]>;
  readonly pages: number;
  readonly freePages: number;
  /** Pages of each table and index (SQLite's dbstat). */
  readonly tablePages: Record<string, number>;
}

function shape(path: string): Shape {
  const db = new Database(path, { readonly: true });
  try {
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    const rows: Record<string, number> = {};
    const lengths: Record<string, number[]> = {};
    for (const t of tables) {
      rows[t] = (db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n;
      for (const { name } of db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string }[]) {
        const found = db
          .prepare(
            `SELECT DISTINCT length("${name}") AS n FROM "${t}" WHERE typeof("${name}") = 'blob' ORDER BY n`,
          )
          .all() as { n: number }[];
        if (found.length > 0) lengths[`${t}.${name}`] = found.map((x) => x.n);
      }
    }
    const pages = db.pragma('page_count', { simple: true }) as number;
    const byName = db.prepare('SELECT name, COUNT(*) AS n FROM dbstat GROUP BY name ORDER BY name').all() as {
      name: string;
      n: number;
    }[];
    const tablePages = Object.fromEntries(byName.map((x) => [x.name, x.n]));
    const freePages = db.pragma('freelist_count', { simple: true }) as number;
    return { rows, lengths, pages, freePages, tablePages };
  } finally {
    db.close();
  }
}

/** One cover draw as a distribution over 0..hi: none with 1 - chance, else uniform on lo..hi. */
function drawDistribution(d: CoverDraw): Float64Array {
  const p = new Float64Array(d.hi + 1);
  p[0] = 1 - d.chance;
  for (let k = d.lo; k <= d.hi; k++) p[k] = (p[k] as number) + d.chance / (d.hi - d.lo + 1);
  return p;
}

/** The distribution of a sum of independent cover draws, as an array from 0. */
function sumOfDraws(draws: readonly CoverDraw[]): Float64Array {
  let p = new Float64Array([1]);
  for (const d of draws) {
    const q = drawDistribution(d);
    const next = new Float64Array(p.length + q.length - 1);
    for (let i = 0; i < p.length; i++) {
      const pi = p[i] as number;
      if (pi === 0) continue;
      for (let j = 0; j < q.length; j++) next[i + j] = (next[i + j] as number) + pi * (q[j] as number);
    }
    p = next;
  }
  return p;
}

/** Total-variation distance between the cell count without hidden chats and the same shifted by h cells. */
function shiftDistance(p: Float64Array, h: number): number {
  let d = 0;
  for (let i = 0; i < p.length + h; i++) d += Math.abs((p[i] ?? 0) - (p[i - h] ?? 0));
  return d / 2;
}

const VISIBLE_CHATS = 3;
const MESSAGES_PER_CHAT = 30;
const LOGINS = 3;

/** The same visible activity in any vault: chats, messages (same texts), logins. */
async function visibleActivity(v: Awaited<ReturnType<typeof vaults.user>>) {
  const { m, master } = v;
  for (let c = 0; c < VISIBLE_CHATS; c++) {
    const chat = await m.createChat({
      name: `Chat ${c}`,
      secret: `visible ${c}`,
      format: c % 2 ? 'legacy' : 'sealed-v2',
    });
    m.batch(() => {
      for (let i = 0; i < MESSAGES_PER_CHAT; i++) m.send(chat.id, `visible message ${c}/${i}`);
    });
  }
  for (let i = 0; i < LOGINS; i++) {
    m.logout();
    await m.login(master);
  }
}

describe('two vaults, one with hidden chats', () => {
  it('show the same tables, rows, blob lengths and free pages; the cell count and size are within what cover traffic explains', async () => {
    const plain = await vaults.user('Alice');
    const withHidden = await vaults.user('Alice');
    await visibleActivity(plain);
    const hiddenChats = [
      await withHidden.m.createChat({
        name: 'Under the bridge',
        secret: 'first hidden',
        format: 'sealed-v2',
        hidden: true,
      }),
      await withHidden.m.createChat({
        name: 'Old ledger',
        secret: 'second hidden',
        format: 'legacy',
        hidden: true,
      }),
    ];
    for (const [i, h] of hiddenChats.entries())
      for (let j = 0; j < 8; j++) withHidden.m.send(h.id, `hidden message ${i}/${j}`);
    await visibleActivity(withHidden);
    // Each hidden chat: one record cell, and one cell per short message.
    const H = 2 + 16;

    const a = shape(plain.path);
    const b = shape(withHidden.path);

    // Every table but the cells holds the same rows: a hidden chat writes nowhere else.
    const { cells: cellsA, ...restA } = a.rows;
    const { cells: cellsB, ...restB } = b.rows;
    expect(restB).toEqual(restA);
    // Every blob column has the same set of lengths; every cell is one tag and one box length.
    expect(b.lengths).toEqual(a.lengths);
    expect(b.lengths['cells.tag']).toEqual([CELL_TAG]);
    expect(b.lengths['cells.box']).toEqual([CELL_BOX]);
    expect(b.freePages).toBe(a.freePages);

    // The criterion: each vault's cell count lies inside what cover traffic alone can produce
    // for this visible activity, so neither count proves a hidden chat.
    const messages = VISIBLE_CHATS * MESSAGES_PER_CHAT;
    const draws: CoverDraw[] = [
      COVER.pool,
      ...Array<CoverDraw>(messages).fill(COVER.message),
      ...Array<CoverDraw>(VISIBLE_CHATS).fill(COVER.chat),
      ...Array<CoverDraw>(LOGINS).fill(COVER.login),
    ];
    const p = sumOfDraws(draws);
    // The least and most cell counts cover traffic alone can produce.
    const least = p.findIndex((x) => x > 0);
    const most = p.length - 1;
    const cover = { min: least, p: p.subarray(least) };
    expect(cellsA).toBeGreaterThanOrEqual(cover.min);
    expect(cellsA).toBeLessThanOrEqual(most);
    // The hidden vault's count is its cover plus H; it falls outside only when its cover drew
    // within H of the top: probability sum of p over the last H values, printed below (< 2%).
    const outside = cover.p.slice(cover.p.length - H).reduce((s, x) => s + x, 0);
    expect(outside).toBeLessThan(0.02);
    expect(cellsB).toBeLessThanOrEqual(most + H);

    // How often a distinguisher wins, told one of the two vaults at even odds and knowing the
    // visible activity and the login count: 1/2 + TV/2, TV the total-variation distance between the
    // cell count without hidden chats and the same shifted by H.
    const tv = shiftDistance(cover.p, H);
    const win = 0.5 + tv / 2;
    expect(win).toBeLessThan(0.52);

    // Pages: every table and index but the cells' takes as many pages in both; the cells take what
    // their count asks, about 2.7 rows to a 4 KiB page (at most 3 fit), in both alike.
    const cellNames = new Set(['cells', 'sqlite_autoindex_cells_1']);
    const rest = (x: Shape) => Object.entries(x.tablePages).filter(([n]) => !cellNames.has(n));
    expect(rest(b)).toEqual(rest(a));
    const perCell = (x: Shape, n: number) =>
      ((x.tablePages.cells ?? 0) + (x.tablePages.sqlite_autoindex_cells_1 ?? 0)) / n;
    for (const ratio of [perCell(a, cellsA ?? 0), perCell(b, cellsB ?? 0)]) {
      expect(ratio).toBeGreaterThan(1 / 3);
      expect(ratio).toBeLessThan(0.6);
    }
    expect(Math.abs(perCell(a, cellsA ?? 0) - perCell(b, cellsB ?? 0))).toBeLessThan(0.06);
    console.info(
      `two vaults: cells ${cellsA} vs ${cellsB} (cover range ${cover.min}..${most}, H = ${H}), pages ${a.pages} vs ${b.pages}, distinguisher wins ${(win * 100).toFixed(1)}%`,
    );
  });
});
