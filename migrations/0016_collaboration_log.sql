CREATE TABLE `collaboration_contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partnership_id` integer NOT NULL,
	`cohort_id` integer NOT NULL,
	`created_by_user_id` integer,
	`occurred_on` text NOT NULL,
	`form` text NOT NULL,
	`minutes` integer NOT NULL,
	`topic` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`partnership_id`) REFERENCES `partnerships`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `collaboration_contacts_partnership_idx` ON `collaboration_contacts` (`partnership_id`,`occurred_on`);--> statement-breakpoint
CREATE INDEX `collaboration_contacts_cohort_idx` ON `collaboration_contacts` (`cohort_id`,`occurred_on`);--> statement-breakpoint
CREATE UNIQUE INDEX `surveys_followup_unique` ON `surveys` (`cohort_id`) WHERE kind = 'followup';