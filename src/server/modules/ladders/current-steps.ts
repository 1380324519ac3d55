/** The ladders module's answer for other modules: which step each pupil is on now. */
import type { Tx } from '../../db/client.js';
import { findStates } from './ladders.repo.js';

export interface CurrentStep {
  stepIndex: number;
  explanation: string;
}

/** Pupils on a step (≥ 1) of their ladder, by pupil id; pupils on no step are absent from the map. */
export async function findCurrentSteps(
  tx: Tx,
  organiserId: string,
  pupilIds: string[],
): Promise<Map<string, CurrentStep>> {
  const steps = new Map<string, CurrentStep>();
  for (const [id, state] of await findStates(tx, organiserId, pupilIds))
    if (state.step_index > 0) steps.set(id, { stepIndex: state.step_index, explanation: state.explanation });
  return steps;
}
