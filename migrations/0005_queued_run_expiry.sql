ALTER TABLE `runs` ADD `expires_at` integer;--> statement-breakpoint
CREATE INDEX `runs_by_expiry` ON `runs` (`expires_at`) WHERE "runs"."expires_at" IS NOT NULL;