CREATE TABLE `cohort_message_recipients` (
	`message_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`message_id`, `user_id`),
	FOREIGN KEY (`message_id`) REFERENCES `cohort_messages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `cohort_message_recipients_user_idx` ON `cohort_message_recipients` (`user_id`,`message_id`);--> statement-breakpoint
CREATE TABLE `cohort_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cohort_id` integer NOT NULL,
	`sender_user_id` integer,
	`audience` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`recipient_count` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sender_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `cohort_messages_cohort_idx` ON `cohort_messages` (`cohort_id`,`id`);--> statement-breakpoint
ALTER TABLE `surveys` ADD `invited_at` integer;--> statement-breakpoint
ALTER TABLE `surveys` ADD `reminders_sent` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Surveys already reminded about count as invited, so opening the migration sends them no second first mail.
UPDATE `surveys` SET `invited_at` = `last_reminder_at`, `reminders_sent` = 1 WHERE `last_reminder_at` IS NOT NULL;