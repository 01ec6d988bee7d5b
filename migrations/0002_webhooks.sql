CREATE TABLE `webhooks` (
	`job` text PRIMARY KEY NOT NULL,
	`job_created_at` integer NOT NULL,
	`secret` text NOT NULL,
	`previous_secret` text,
	`previous_expires_at` integer,
	`github` integer NOT NULL,
	`params` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
