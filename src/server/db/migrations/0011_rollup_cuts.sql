CREATE TABLE "rollup_cuts" (
	"organiser_id" uuid NOT NULL,
	"cut_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rollup_cuts_organiser_id_cut_date_pk" PRIMARY KEY("organiser_id","cut_date")
);
