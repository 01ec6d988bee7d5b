CREATE TABLE `schedules` (
	`job` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`paused` integer NOT NULL,
	`next_fire_at` integer,
	`last_fire_at` integer,
	`last_error` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `schedules_by_next_fire` ON `schedules` (`next_fire_at`);