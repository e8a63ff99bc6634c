CREATE TABLE "dossier_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dossier_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
