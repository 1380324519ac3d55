-- The goal of an intervention in the action plan (what the follow-ups assess against).
ALTER TABLE "case_interventions" ADD COLUMN "goal" text;
