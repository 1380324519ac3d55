CREATE TABLE "organiser_sharing" (
	"organiser_id" uuid NOT NULL,
	"is_shared" boolean NOT NULL,
	"changed_by_user_id" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organiser_sharing_organiser_id_pk" PRIMARY KEY("organiser_id")
);
