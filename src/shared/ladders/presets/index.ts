/**
 * The four ladders from the source documents (docs/domain/ladders.md, 'The presets'), shipped as data files an
 * organiser picks and then edits. Each file is validated when this module loads, so a broken
 * preset fails at start-up and in the tests, never halfway through an evaluation.
 */
import { validateLadder, type LadderDefinition } from '../format';
import kyrkbacksskolan from './kyrkbacksskolan.json' with { type: 'json' };
import norrkoping from './norrkoping.json' with { type: 'json' };
import orebro from './orebro.json' with { type: 'json' };
import stockholm from './stockholm.json' with { type: 'json' };

/** Preset ids, in the order the issue lists them. */
export const LADDER_PRESET_IDS = ['kyrkbacksskolan', 'stockholm', 'orebro', 'norrkoping'] as const;
export type LadderPresetId = (typeof LADDER_PRESET_IDS)[number];

function load(id: LadderPresetId, data: unknown): LadderDefinition {
  const result = validateLadder(data);
  if (!result.ok) {
    throw new Error(
      `Ladder preset "${id}" is invalid: ${result.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
    );
  }
  if (result.ladder.id !== id) throw new Error(`Ladder preset file "${id}" has id "${result.ladder.id}".`);
  return result.ladder;
}

/** The validated presets by id. */
export const LADDER_PRESETS: Readonly<Record<LadderPresetId, LadderDefinition>> = {
  kyrkbacksskolan: load('kyrkbacksskolan', kyrkbacksskolan),
  stockholm: load('stockholm', stockholm),
  orebro: load('orebro', orebro),
  norrkoping: load('norrkoping', norrkoping),
};

/** Whether a string names a preset (CLI `--preset`, API input). */
export function isLadderPresetId(id: string): id is LadderPresetId {
  return (LADDER_PRESET_IDS as readonly string[]).includes(id);
}
