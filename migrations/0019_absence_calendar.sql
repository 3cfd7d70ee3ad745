CREATE TABLE `absence_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`evening_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`reason` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`evening_id`) REFERENCES `evenings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `absence_notices_evening_user` ON `absence_notices` (`evening_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `absence_notices_user_idx` ON `absence_notices` (`user_id`);--> statement-breakpoint
ALTER TABLE `email_outbox` ADD `attachments` text;--> statement-breakpoint
ALTER TABLE `users` ADD `calendar_alarm` text DEFAULT 'none' NOT NULL;