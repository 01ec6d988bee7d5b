CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`hash` text NOT NULL,
	`scopes` text NOT NULL,
	`jobs` text,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`last_used_at` integer
);
