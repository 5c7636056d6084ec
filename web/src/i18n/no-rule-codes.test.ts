/**
 * The plan's rule codes (R1–R19) are for the team; what users read says what is missing in plain words. This scans
 * every translation and every string literal in the code that builds messages (core/, server/, web/src/) for a code
 * in brackets such as "(R8)" or "(R6, R7)". Comments may keep them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ERRORS } from '@core/errors.ts';
import { entryDraftSchema, missingForSubmission } from '@core/entry.ts';
import { CHECKLIST_LABELS } from '@core/review.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const RULE_CODE = /\(\s*R\d+\b[^)]*\)/;

function walk(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' || d.name === 'dist' ? [] : walk(path, keep);
    return keep(path) ? [path] : [];
  });
}

function jsonStrings(value: unknown, at: string): { at: string; text: string }[] {
  if (typeof value === 'string') return [{ at, text: value }];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => jsonStrings(v, at ? `${at}.${k}` : k));
  return [];
}

/** Every string literal and template text of a source file, with its line. */
function sourceStrings(path: string): { at: string; text: string }[] {
  const text = readFileSync(path, 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const out: { at: string; text: string }[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isJsxText(node)
    ) {
      const line = file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      out.push({ at: `${relative(ROOT, path)}:${line}`, text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

const withCode = (strings: { at: string; text: string }[]) => strings.filter((s) => RULE_CODE.test(s.text));

describe('no rule codes in what users read', () => {
  it('recognizes a rule code in brackets, and leaves other brackets alone', () => {
    for (const s of ['thiếu (R8).', 'Required (R6, R7)', '( R12 )', 'rules (R5–R7)']) expect(s).toMatch(RULE_CODE);
    for (const s of ['(RGB)', 'MP4 (H.264)', 'R8 alone', '(Round 2)']) expect(s).not.toMatch(RULE_CODE);
  });

  it('has none in the Vietnamese and English translations', () => {
    for (const lang of ['vi', 'en']) {
      const path = join(ROOT, 'web/src/i18n', `${lang}.json`);
      const strings = jsonStrings(JSON.parse(readFileSync(path, 'utf8')), '');
      expect(strings.length).toBeGreaterThan(100);
      expect(withCode(strings)).toEqual([]);
    }
  });

  it('has none in the error messages, the missing-field messages and the checklist labels', () => {
    const messages = [
      ...Object.values(ERRORS).flatMap((e) => [e.vi, e.en]),
      ...Object.values(CHECKLIST_LABELS).flatMap((l) => [l.vi, l.en]),
      ...missingForSubmission(
        entryDraftSchema.parse({
          party: { kind: 'person' },
          isGroup: true,
          authors: [{ fullName: 'Ana', phone: '12', email: 'x' }],
        }),
        ['report'],
      ).flatMap((m) => [m.message.vi, m.message.en]),
    ];
    expect(messages.length).toBeGreaterThan(50);
    expect(messages.filter((m) => RULE_CODE.test(m))).toEqual([]);
  });

  it('has none in any string literal of core/, server/ or web/src/ (comments may keep them)', () => {
    const files = ['core', 'server', 'web/src'].flatMap((d) =>
      walk(join(ROOT, d), (p) => /\.tsx?$/.test(p) && !/\.test\.ts$/.test(p) && !p.endsWith('.d.ts')),
    );
    expect(files.length).toBeGreaterThan(100);
    expect(withCode(files.flatMap(sourceStrings))).toEqual([]);
  }, 60_000); // parses some hundreds of files: allow for a busy machine
});
