-- Ladder exits (ladders.md decision 7): a staff decision is a move to a step or the closing of the pupil's step.
ALTER TABLE "ladder_decisions" ADD COLUMN "kind" text DEFAULT 'move' NOT NULL;
