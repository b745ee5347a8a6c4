// The accessibility scan every screen goes through: axe-core with the WCAG 2.1 A/AA and best-practice rules.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import ts from 'typescript';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** One failing element: the rule, where, and axe's own summary of what to fix. */
export interface Finding {
  readonly rule: string;
  readonly target: string;
  readonly summary: string;
}

/** Runs axe on the page as it is now and returns every failing element. */
export async function scan(page: Page): Promise<Finding[]> {
  const r = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return r.violations.flatMap((v) =>
    v.nodes.map((n) => ({
      rule: v.id,
      target: n.target.join(' '),
      summary: (n.failureSummary ?? v.help).replace(/\s+/g, ' '),
    })),
  );
}

/**
 * Scans the page and fails (softly: the walk goes on to the next screen, and the
 * test fails at its end) with every failing element, its rule and the screen.
 */
export async function expectNoViolations(page: Page, screen: string): Promise<void> {
  const found = await scan(page);
  const lines = found.map((f) => `  ${f.rule}: ${f.target}\n    ${f.summary}`);
  expect
    .soft(found.length, `axe on "${screen}": ${found.length} failing element(s)\n${lines.join('\n')}`)
    .toBe(0);
}

const SRC = join(import.meta.dirname, '../../src-renderer/src');

/** The .tsx files under src-renderer/src, recursively, with their text. */
function sources(dir = SRC): { file: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.tsx') ? [{ file: p, text: readFileSync(p, 'utf8') }] : [];
  });
}

/** The literal `title` of every JSX element named …Dialog that has one, or why it cannot be read. */
function dialogTitles(file: string, text: string): { titles: string[]; problems: string[] } {
  const titles: string[] = [];
  const problems: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) {
      const tag = node.tagName.getText();
      const title = node.attributes.properties.find(
        (a): a is ts.JsxAttribute => ts.isJsxAttribute(a) && a.name.getText() === 'title',
      );
      const value = title?.initializer;
      if (tag.endsWith('Dialog') && value) {
        if (ts.isStringLiteral(value)) titles.push(value.text);
        // ConfirmDialog hands its own title to Dialog; its uses are read instead.
        else if (!(basename(file) === 'ConfirmDialog.tsx' && value.getText() === '{props.title}'))
          problems.push(
            `${basename(file)}: <${tag} title=${value.getText()}>: name the dialog in a string literal`,
          );
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX));
  return { titles, problems };
}

/**
 * What must be scanned, read from the renderer's sources: every screen
 * (src-renderer/src/screens/*.tsx, by file name) and every dialog (the literal
 * `title` of each <Dialog> or <ConfirmDialog>). A title that is not a literal
 * cannot be checked, so it is reported as a problem.
 */
export function subjectsInSources(): { subjects: string[]; problems: string[] } {
  const subjects = readdirSync(join(SRC, 'screens'))
    .filter((f) => f.endsWith('.tsx'))
    .map((f) => basename(f, '.tsx'));
  const problems: string[] = [];
  for (const { file, text } of sources()) {
    const found = dialogTitles(file, text);
    subjects.push(...found.titles);
    problems.push(...found.problems);
  }
  return { subjects: [...new Set(subjects)].sort(), problems };
}
