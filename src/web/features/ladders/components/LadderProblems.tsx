import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LadderDefinition } from '@shared/ladders/format';
import { ApiError, type ApiErrorDetail } from '../../../api/client';
import { fieldId, pointerAncestors, problemLocation } from '../editor';

/** The server rejected a ladder (LADDER_INVALID) and listed where. */
export function ladderProblemsOf(error: unknown): ApiErrorDetail[] {
  return error instanceof ApiError && error.code === 'LADDER_INVALID' ? error.fieldProblems : [];
}

/** Moves focus to the field of a problem, or the nearest part of the form that has an id. */
function focusNearest(event: MouseEvent<HTMLAnchorElement>, pointer: string) {
  for (const candidate of pointerAncestors(pointer)) {
    const element = document.getElementById(fieldId(candidate));
    if (element) {
      event.preventDefault();
      element.focus();
      element.scrollIntoView({ block: 'center' });
      return;
    }
  }
}

/**
 * The problems the server found in a ladder, each with its place in words ("Steg 2 › Utlösare 1
 * › Gräns"); in the editor each links to its field.
 */
export function LadderProblems({
  message,
  problems,
  definition,
  linkToFields,
}: {
  message: string;
  problems: ApiErrorDetail[];
  definition: Partial<LadderDefinition> | null;
  linkToFields: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="message message-error" role="alert">
      <p className="message-title">{message}</p>
      <p>{t('ladderEditor.problemCount', { count: problems.length })}</p>
      <ul>
        {problems.map((problem, index) => {
          const pointer = problem.path.startsWith('/definition')
            ? problem.path.slice('/definition'.length)
            : problem.path;
          const location = problemLocation(t, pointer, definition);
          return (
            <li key={`${problem.path}-${index}`}>
              {linkToFields ? (
                <a href={`#${fieldId(pointer)}`} onClick={(event) => focusNearest(event, pointer)}>
                  {location}
                </a>
              ) : (
                <strong>{location}</strong>
              )}
              {`: ${problem.message}`}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
