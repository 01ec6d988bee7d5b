CREATE TABLE `run_tags` (
	`run_id` text NOT NULL,
	`key` text NOT NULL,
	`value` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`run_id`, `key`)
);
--> statement-breakpoint
CREATE INDEX `run_tags_by_tag` ON `run_tags` (`key`,`value`,`created_at`,`run_id`);
--> statement-breakpoint
ALTER TABLE `webhooks` ADD `tags` text;
