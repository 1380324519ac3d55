-- Login delays and request limits shared by every web process (WEB_PROCESSES, several hosts): modules/auth/login-throttle.ts.
CREATE TABLE "throttle_keys" (
	"scope" text NOT NULL,
	"key_hash" text NOT NULL,
	"hits" integer NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"times" timestamp with time zone[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "throttle_keys_scope_key_hash_pk" PRIMARY KEY("scope","key_hash")
);
--> statement-breakpoint
CREATE INDEX "throttle_keys_last_at_idx" ON "throttle_keys" USING btree ("scope","last_at");