-- Single sign-on (OIDC), accounts from SS12000 and user administration (issue 17).
-- Accounts made from SS12000 have no password: they sign in through an identity provider.
ALTER TABLE "users" ALTER COLUMN "password_hash" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "source" text DEFAULT 'manual' NOT NULL;
--> statement-breakpoint
-- Lower-cased e-mails, eduPersonPrincipalNames and external identifiers of the account's person,
-- kept by the SS12000 account sync: what a staff sign-in claim is matched against.
ALTER TABLE "users" ADD COLUMN "login_keys" text[] DEFAULT '{}' NOT NULL;
--> statement-breakpoint
-- Who disabled the account: 'admin' (only an administrator enables it again) or 'ss12000' (duties ended).
ALTER TABLE "users" ADD COLUMN "disabled_by" text;
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_login_at" timestamp with time zone;
--> statement-breakpoint
CREATE INDEX "users_login_keys_idx" ON "users" USING gin ("login_keys");
--> statement-breakpoint
CREATE INDEX "users_person_idx" ON "users" ("organiser_id","person_id");
--> statement-breakpoint
CREATE INDEX "persons_civic_no_idx" ON "persons" ("civic_no");
--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "edu_person_principal_names" jsonb DEFAULT '[]'::jsonb NOT NULL;
--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "external_identifiers" jsonb DEFAULT '[]'::jsonb NOT NULL;
--> statement-breakpoint
-- Provenance per role grant: 'ss12000' grants follow the import, 'manual' ones an administrator.
ALTER TABLE "user_roles" ADD COLUMN "source" text DEFAULT 'manual' NOT NULL;
--> statement-breakpoint
ALTER TABLE "user_roles" ADD COLUMN "ends_on" date;
--> statement-breakpoint
ALTER TABLE "user_roles" ADD COLUMN "granted_at" timestamp with time zone DEFAULT now() NOT NULL;
--> statement-breakpoint
-- The identity provider of an OIDC session ('staff' | 'guardian'), for RP-initiated logout.
ALTER TABLE "sessions" ADD COLUMN "oidc_kind" text;
--> statement-breakpoint
-- The organiser's mapping of SS12000 duty roles and assignment roles to Närvaro roles; a row
-- overrides the built-in default for that value, role '' means "no role".
CREATE TABLE "ss12000_role_mappings" (
	"organiser_id" uuid NOT NULL,
	"source_kind" text NOT NULL,
	"source_value" text NOT NULL,
	"role" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ss12000_role_mappings_pk" PRIMARY KEY("organiser_id","source_kind","source_value")
);
--> statement-breakpoint
CREATE TABLE "auth_settings" (
	"organiser_id" uuid NOT NULL,
	"local_login_enabled" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auth_settings_organiser_id_pk" PRIMARY KEY("organiser_id")
);
--> statement-breakpoint
-- A sign-in in progress (before the tenant is known): keyed by the hash of a random value held in
-- a short-lived HttpOnly cookie, so the callback only completes in the browser that started it.
CREATE TABLE "oidc_logins" (
	"binding_hash" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"nonce" text NOT NULL,
	"code_verifier" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
