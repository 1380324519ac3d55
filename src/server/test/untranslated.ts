/**
 * Finds what must never reach a Swedish screen or document (issue 16, item 8): i18n keys that were
 * not translated, UPPER_SNAKE codes, enum values of the shared schemas, "undefined"/"null"/"NaN",
 * "[object Object]" and English words. Used by the page scan (e2e) and the PDF test (vitest).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The top-level namespaces of sv.json ("ladderText", "cases", …): "ladderText.foo" on a page is an untranslated key. */
export function i18nNamespaces(): string[] {
  const sv = JSON.parse(fs.readFileSync(path.join(ROOT, 'src/web/i18n/sv.json'), 'utf8')) as Record<string, unknown>;
  return Object.keys(sv);
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/**
 * camelCase string literals of src/shared (enum values such as 'studentHealth', 'monthToDate',
 * 'organiserAdmin'): the values the API sends, which the UI must always put into words.
 */
export function sharedCodeValues(): string[] {
  const codes = new Set<string>();
  for (const file of sourceFiles(path.join(ROOT, 'src/shared')))
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/'([a-z]+(?:[A-Z][a-z0-9]*)+)'/g)) codes.add(match[1]);
  return [...codes];
}

/**
 * English words (and one code) that have been seen in Swedish screens: schema values shown raw
 * ("partial", "pending") or an English label left behind ("principal", "pupil", "school").
 */
export const ENGLISH_WORDS = [
  'partial',
  'partly',
  'principal',
  'pupil',
  'pupils',
  'school',
  'weeks',
  'pending',
  'granted',
  'rejected',
  'withdrawn',
  'draft',
  'published',
  'invalid',
  'valid',
  'absent',
  'present',
  'student',
  'teacher',
  'guardian',
  'organiser',
  'investigation',
  'undefined',
  'true',
  'false',
];

export interface ScanRules {
  namespaces: readonly string[];
  codes: readonly string[];
}

/** Builds the rules once (reads sv.json and src/shared). */
export function scanRules(): ScanRules {
  return { namespaces: i18nNamespaces(), codes: sharedCodeValues() };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every finding in a text, each with a little context ("UPPER_SNAKE code ABSENCE_NOW_VALID in …"). */
export function findUntranslated(text: string, rules: ScanRules): string[] {
  const findings: string[] = [];
  const report = (what: string, match: RegExpMatchArray) => {
    const at = match.index ?? 0;
    const context = text
      .slice(Math.max(0, at - 30), at + match[0].length + 30)
      .replace(/\s+/g, ' ')
      .trim();
    findings.push(`${what} "${match[0]}" in "…${context}…"`);
  };
  const keyPattern = new RegExp(
    `(?<![\\w@/.-])(?:${rules.namespaces.map(escapeRegExp).join('|')})(?:\\.[\\w-]+)+`,
    'g',
  );
  // File names the import page asks for ("absences.json") are not keys.
  for (const match of text.matchAll(keyPattern))
    if (!/\.(?:json|csv|pdf|zip)$/.test(match[0])) report('i18n key', match);
  for (const match of text.matchAll(/\b[A-Z]{2,}(?:_[A-Z0-9]+)+\b/g)) report('UPPER_SNAKE code', match);
  // A capital inside a word is an enum value ("studentHealth") or two texts run together without
  // a space ("förloppVäntar": a label and a status in inline elements).
  const codes = new Set(rules.codes);
  for (const match of text.matchAll(
    /(?<![\p{L}\p{N}_])\p{Ll}+(?:\p{Lu}\p{Ll}*)+(?![\p{L}\p{N}])(?!\.(?:json|csv|pdf|zip))/gu,
  ))
    report(codes.has(match[0]) ? 'enum value' : 'words run together', match);
  for (const match of text.matchAll(/\b(?:null|NaN)\b|\[object Object\]/g)) report('code', match);
  // Durations written as codes ("4w", "6w") instead of words.
  for (const match of text.matchAll(/(?<![\w-])\d+[wd](?![\w-])/g)) report('duration code', match);
  const english = new RegExp(`\\b(?:${ENGLISH_WORDS.join('|')})\\b`, 'gi');
  for (const match of text.matchAll(english)) report('English word', match);
  return findings;
}
