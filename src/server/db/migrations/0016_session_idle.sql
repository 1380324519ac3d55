-- Session idle timeout (SESSION_IDLE_MINUTES): when the session last served a request.
ALTER TABLE "sessions" ADD COLUMN "last_seen_at" timestamp with time zone DEFAULT now() NOT NULL;
