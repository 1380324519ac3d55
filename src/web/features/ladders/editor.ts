/**
 * The ladder editor's data helpers: immutable updates by JSON Pointer path, the server's problem
 * paths turned into field ids and readable locations, percent ⇄ share, and a shape check before
 * a JSON text replaces the form. The server validates; these only keep the form usable.
 */
import type { TFunction } from 'i18next';
import type { Action, LadderDefinition, Period, Step, Trigger } from '@shared/ladders/format';
import type { ApiErrorDetail } from '../../api/client';

/** A path into the definition, e.g. ['steps', 0, 'name']. */
export type Path = readonly (string | number)[];

/** JSON Pointer of a path: ['steps', 0, 'name'] → "/steps/0/name". */
export function pointerOf(path: Path): string {
  return path.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The element id of a field at a pointer: "/steps/0/name" → "ladder-steps-0-name". */
export function fieldId(pointer: string): string {
  return `ladder${pointer.replace(/[^a-zA-Z0-9]+/g, '-')}`.replace(/-$/, '');
}

/** A copy of `root` with the value at `path` replaced (arrays and objects copied along the path). */
export function setIn<T>(root: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const container = root as unknown;
  if (Array.isArray(container)) {
    const copy = [...container];
    copy[Number(head)] = setIn(copy[Number(head)], rest, value);
    return copy as T;
  }
  const record = (container ?? {}) as Record<string, unknown>;
  return { ...record, [head]: setIn(record[String(head)], rest, value) } as T;
}

/** A copy of `root` without the array element at `path` (the last segment is the index). */
export function removeAt<T>(root: T, path: Path): T {
  const index = Number(path[path.length - 1]);
  const parentPath = path.slice(0, -1);
  const parent = getIn(root, parentPath);
  if (!Array.isArray(parent)) return root;
  return setIn(
    root,
    parentPath,
    parent.filter((_, i) => i !== index),
  );
}

/** A copy of `root` with `item` appended to the array at `path`. */
export function appendAt<T>(root: T, path: Path, item: unknown): T {
  const list = getIn(root, path);
  return setIn(root, path, [...(Array.isArray(list) ? list : []), item]);
}

/** The value at `path`, or undefined. */
export function getIn(root: unknown, path: Path): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[String(segment)];
  }
  return current;
}

/** Server problems (paths "/definition/…") by pointer inside the definition. */
export function problemsByPointer(details: readonly ApiErrorDetail[]): Map<string, string[]> {
  const byPointer = new Map<string, string[]>();
  for (const detail of details) {
    const pointer = detail.path.startsWith('/definition') ? detail.path.slice('/definition'.length) : detail.path;
    byPointer.set(pointer, [...(byPointer.get(pointer) ?? []), detail.message]);
  }
  return byPointer;
}

/** The pointer and its parents, nearest first: "/steps/0/name" → ["/steps/0/name", "/steps/0", "/steps", ""]. */
export function pointerAncestors(pointer: string): string[] {
  const segments = pointer.split('/').slice(1);
  const result: string[] = [];
  for (let n = segments.length; n >= 0; n -= 1) result.push(n === 0 ? '' : `/${segments.slice(0, n).join('/')}`);
  return result;
}

/**
 * Where a problem is, in words: "/steps/1/triggers/triggers/0/threshold" → "Steg 2 (Fortsatt
 * frånvaro) › Utlösare 1 › Gräns". Unknown field names are shown as they are.
 */
export function problemLocation(t: TFunction, pointer: string, definition: Partial<LadderDefinition> | null): string {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (segments.length === 0) return t('ladderEditor.locations.ladder');
  const parts: string[] = [];
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i];
    const next = segments[i + 1];
    const index = next !== undefined && /^\d+$/.test(next) ? Number(next) : null;
    if (segment === 'steps' && index !== null) {
      const name = definition?.steps?.[index]?.name;
      parts.push(
        name
          ? t('ladderEditor.locations.stepNamed', { number: index + 1, name })
          : t('ladderEditor.locations.step', { number: index + 1 }),
      );
      i += 1;
    } else if (segment === 'alerts' && index !== null) {
      parts.push(t('ladderEditor.locations.alert', { number: index + 1 }));
      i += 1;
    } else if (segment === 'triggers' && index !== null) {
      parts.push(t('ladderEditor.locations.trigger', { number: index + 1 }));
      i += 1;
    } else if (segment === 'actions' && index !== null) {
      parts.push(t('ladderEditor.locations.action', { number: index + 1 }));
      i += 1;
    } else if ((segment === 'lawReferences' || segment === 'responsibleRoles') && index !== null) {
      parts.push(t(`ladderEditor.fields.${segment}`));
      i += 1;
    } else if (segment === 'triggers' && next === 'triggers') {
    } else {
      parts.push(t(`ladderEditor.fields.${segment}`, { defaultValue: segment }));
    }
  }
  return parts.join(' › ');
}

/** A share 0..1 as a percent number for an input: 0.125 → 12.5. */
export function shareToPercent(share: number): number {
  return Math.round(share * 1000) / 10;
}

/** A percent typed in an input ("12.5" or "12,5") as a share, or null when not a number 0–100. */
export function percentToShare(text: string): number | null {
  const value = Number(text.trim().replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) return null;
  return Math.round(value * 10) / 1000;
}

/** A whole number typed in an input within [min, max], or null. */
export function parseWhole(text: string, min: number, max: number): number | null {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) return null;
  return value;
}

/** A default period of a kind (rolling windows start at 28 days). */
export function defaultPeriod(kind: Period['kind']): Period {
  return kind === 'rollingDays' ? { kind, days: 28 } : { kind };
}

/** The trigger "Lägg till utlösare" adds: all absence at least 10 % in a completed month. */
export function newRateTrigger(): Trigger {
  return { kind: 'rate', measure: 'absent', period: { kind: 'month' }, comparator: 'gte', threshold: 0.1 };
}

/** The task "Lägg till uppgift" adds. */
export function newTaskAction(title: string): Action {
  return { kind: 'task', role: 'mentor', title, dueDays: 14 };
}

/** A new step at the end, with a key not used yet. */
export function newStep(definition: Pick<LadderDefinition, 'steps'>, name: string, description: string): Step {
  const used = new Set(definition.steps.map((s) => s.key));
  let n = definition.steps.length + 1;
  while (used.has(`steg-${n}`)) n += 1;
  return {
    key: `steg-${n}`,
    name,
    description,
    triggers: { combine: 'any', triggers: [newRateTrigger()] },
    actions: [],
    responsibleRoles: [],
    lawReferences: [],
    entry: 'automatic',
  };
}

/** Lines of a textarea as a list (empty lines dropped); the inverse joins with newlines. */
export function linesToList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether a parsed JSON value has the shape the form can show (it may still break the rules:
 * the server says which). Returns null when it does, else an i18n key for the problem.
 */
export function formShapeProblem(value: unknown): string | null {
  if (!isObject(value)) return 'ladderEditor.json.notObject';
  if (!Array.isArray(value.steps) || value.steps.length === 0) return 'ladderEditor.json.noSteps';
  if (!isObject(value.deEscalation)) return 'ladderEditor.json.badShape';
  for (const step of value.steps) {
    if (!isObject(step) || !isObject(step.triggers) || !Array.isArray(step.triggers.triggers))
      return 'ladderEditor.json.badShape';
    if (!Array.isArray(step.actions) || !Array.isArray(step.responsibleRoles) || !Array.isArray(step.lawReferences))
      return 'ladderEditor.json.badShape';
    for (const trigger of step.triggers.triggers) {
      if (!isObject(trigger) || typeof trigger.kind !== 'string') return 'ladderEditor.json.badShape';
      if (trigger.kind === 'group' && !Array.isArray(trigger.triggers)) return 'ladderEditor.json.badShape';
      if ((trigger.kind === 'rate' || trigger.kind === 'lateCount') && !isObject(trigger.period))
        return 'ladderEditor.json.badShape';
    }
    for (const action of step.actions)
      if (!isObject(action) || typeof action.kind !== 'string') return 'ladderEditor.json.badShape';
  }
  if (value.alerts !== undefined && !Array.isArray(value.alerts)) return 'ladderEditor.json.badShape';
  return null;
}
