DROP INDEX "dossiers_ward_stage_idx";--> statement-breakpoint
DROP INDEX "dossiers_ward_field_idx";