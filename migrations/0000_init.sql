CREATE TABLE `actions` (
	`name` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`spec` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `job_versions` (
	`job` text NOT NULL,
	`version` integer NOT NULL,
	`source` text NOT NULL,
	`compiled` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`job`, `version`)
);
--> statement-breakpoint
CREATE TABLE `jobs` (
	`name` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`description` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `runs` (
	`id` text PRIMARY KEY NOT NULL,
	`job` text NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`trigger` text NOT NULL,
	`seq` integer NOT NULL,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	CONSTRAINT "runs_status" CHECK("runs"."status" IN ('queued', 'running', 'waiting', 'paused', 'succeeded', 'failed', 'cancelled', 'timed_out'))
);
--> statement-breakpoint
CREATE INDEX `runs_by_created` ON `runs` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `runs_by_job` ON `runs` (`job`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `runs_by_status` ON `runs` (`status`,`created_at`,`id`);