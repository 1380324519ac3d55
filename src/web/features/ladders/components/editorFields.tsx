/**
 * Form controls of the ladder editor. Each control is bound to a path in the definition, takes
 * its id from that path (so the server's problem paths can point at it), and shows the server's
 * problems for exactly that path under it.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldId, linesToList, parseWhole, percentToShare, pointerOf, shareToPercent, type Path } from '../editor';

/** What the editor's controls share: the problems from the last save and the update functions. */
export interface EditorContextValue {
  problems: Map<string, string[]>;
  set: (path: Path, value: unknown) => void;
  remove: (path: Path) => void;
  append: (path: Path, item: unknown) => void;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

/** The editor context; controls are only used inside LadderEditor. */
export function useEditor(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('Ladder editor control outside LadderEditor');
  return value;
}

/** Ids and the server's messages for the control at `path`. */
function useFieldState(path: Path, localProblem?: string | null) {
  const { problems } = useEditor();
  const pointer = pointerOf(path);
  const id = fieldId(pointer);
  const messages = [...(localProblem ? [localProblem] : []), ...(problems.get(pointer) ?? [])];
  return { id, messages, errorId: `${id}-error`, hintId: `${id}-hint` };
}

/** The server's problems for a path that is not a single control (a list, a step). */
export function PathProblems({ path }: { path: Path }) {
  const { problems } = useEditor();
  const messages = problems.get(pointerOf(path)) ?? [];
  if (messages.length === 0) return null;
  return (
    <ul className="field-error field-error-list">
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

interface ControlProps {
  path: Path;
  label: ReactNode;
  hint?: string;
}

function Described({
  id,
  messages,
  errorId,
  hint,
  hintId,
  label,
  children,
}: {
  id: string;
  messages: string[];
  errorId: string;
  hint?: string;
  hintId: string;
  label: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {messages.length > 0 && (
        <p id={errorId} className="field-error">
          {messages.join(' ')}
        </p>
      )}
    </div>
  );
}

const describedBy = (messages: string[], errorId: string, hint: string | undefined, hintId: string) =>
  [hint ? hintId : null, messages.length > 0 ? errorId : null].filter(Boolean).join(' ') || undefined;

/** A one-line text. */
export function TextControl({ path, label, hint, value }: ControlProps & { value: string }) {
  const { set } = useEditor();
  const state = useFieldState(path);
  return (
    <Described {...state} hint={hint} label={label}>
      <input
        id={state.id}
        type="text"
        value={value}
        onChange={(event) => set(path, event.target.value)}
        aria-invalid={state.messages.length > 0 || undefined}
        aria-describedby={describedBy(state.messages, state.errorId, hint, state.hintId)}
      />
    </Described>
  );
}

/** A longer text. */
export function TextAreaControl({
  path,
  label,
  hint,
  value,
  rows = 3,
}: ControlProps & { value: string; rows?: number }) {
  const { set } = useEditor();
  const state = useFieldState(path);
  return (
    <Described {...state} hint={hint} label={label}>
      <textarea
        id={state.id}
        rows={rows}
        value={value}
        onChange={(event) => set(path, event.target.value)}
        aria-invalid={state.messages.length > 0 || undefined}
        aria-describedby={describedBy(state.messages, state.errorId, hint, state.hintId)}
      />
    </Described>
  );
}

/** A list of texts, one per line (responsible roles, law references). */
export function LinesControl({ path, label, hint, value }: ControlProps & { value: string[] }) {
  const { set } = useEditor();
  const state = useFieldState(path);
  const [text, setText] = useState(() => value.join('\n'));
  useEffect(() => {
    // Follow changes made elsewhere (JSON view), not the user's own typing.
    setText((current) => (JSON.stringify(linesToList(current)) === JSON.stringify(value) ? current : value.join('\n')));
  }, [value]);
  return (
    <Described {...state} hint={hint} label={label}>
      <textarea
        id={state.id}
        rows={Math.max(2, value.length + 1)}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          set(path, linesToList(event.target.value));
        }}
        aria-invalid={state.messages.length > 0 || undefined}
        aria-describedby={describedBy(state.messages, state.errorId, hint, state.hintId)}
      />
    </Described>
  );
}

/** A choice from a fixed list. */
export function SelectControl<V extends string>({
  path,
  label,
  hint,
  value,
  options,
  onSelect,
}: ControlProps & {
  value: V;
  options: readonly { value: V; label: string }[];
  onSelect?: (value: V) => void;
}) {
  const { set } = useEditor();
  const state = useFieldState(path);
  return (
    <Described {...state} hint={hint} label={label}>
      <select
        id={state.id}
        value={value}
        onChange={(event) => (onSelect ? onSelect(event.target.value as V) : set(path, event.target.value))}
        aria-invalid={state.messages.length > 0 || undefined}
        aria-describedby={describedBy(state.messages, state.errorId, hint, state.hintId)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Described>
  );
}

/**
 * A number: whole numbers in [min, max], or with `isPercent` a share edited as percent (0–100,
 * one decimal). With `isOptional`, an empty field removes the value.
 */
export function NumberControl({
  path,
  label,
  hint,
  value,
  min = 0,
  max = 1000,
  isPercent = false,
  isOptional = false,
}: ControlProps & {
  value: number | undefined;
  min?: number;
  max?: number;
  isPercent?: boolean;
  isOptional?: boolean;
}) {
  const { t } = useTranslation();
  const { set } = useEditor();
  const shown = (v: number | undefined) => (v === undefined ? '' : String(isPercent ? shareToPercent(v) : v));
  const [text, setText] = useState(() => shown(value));
  const parse = (input: string) => (isPercent ? percentToShare(input) : parseWhole(input, min, max));
  // biome-ignore lint/correctness/useExhaustiveDependencies: only an outside change of the value resets the text.
  useEffect(() => {
    setText((current) => (parse(current) === (value ?? null) ? current : shown(value)));
    // Only an outside change of the value (JSON view, another control) resets the text being typed.
  }, [value]);
  const isEmptyAllowed = isOptional && text.trim() === '';
  const localProblem =
    isEmptyAllowed || parse(text) !== null
      ? null
      : isPercent
        ? t('ladderEditor.problems.percent')
        : t('ladderEditor.problems.whole', { min, max });
  const state = useFieldState(path, localProblem);

  const handleChange = (input: string) => {
    setText(input);
    if (isOptional && input.trim() === '') {
      set(path, undefined);
      return;
    }
    const parsed = parse(input);
    if (parsed !== null) set(path, parsed);
  };

  return (
    <Described {...state} hint={hint} label={label}>
      <input
        id={state.id}
        type="number"
        inputMode="decimal"
        className="input-number"
        value={text}
        min={isPercent ? 0 : min}
        max={isPercent ? 100 : max}
        step={isPercent ? 0.1 : 1}
        onChange={(event) => handleChange(event.target.value)}
        aria-invalid={state.messages.length > 0 || undefined}
        aria-describedby={describedBy(state.messages, state.errorId, hint, state.hintId)}
      />
    </Described>
  );
}

/** A yes/no option; "no" leaves the property out of the definition. */
export function CheckboxControl({ path, label, value }: { path: Path; label: string; value: boolean | undefined }) {
  const { set } = useEditor();
  const state = useFieldState(path);
  return (
    <div className="field field-checkbox">
      <input
        id={state.id}
        type="checkbox"
        checked={value === true}
        onChange={(event) => set(path, event.target.checked ? true : undefined)}
        aria-invalid={state.messages.length > 0 || undefined}
        aria-describedby={state.messages.length > 0 ? state.errorId : undefined}
      />
      <label htmlFor={state.id}>{label}</label>
      {state.messages.length > 0 && (
        <p id={state.errorId} className="field-error">
          {state.messages.join(' ')}
        </p>
      )}
    </div>
  );
}
