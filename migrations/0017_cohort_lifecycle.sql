CREATE TABLE `template_evening_goals` (
	`template_evening_id` integer NOT NULL,
	`learning_goal_id` integer NOT NULL,
	PRIMARY KEY(`template_evening_id`, `learning_goal_id`),
	FOREIGN KEY (`template_evening_id`) REFERENCES `template_evenings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`learning_goal_id`) REFERENCES `learning_goals`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `cohorts` ADD `registration_until_evening` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `template_evenings` ADD `content` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `template_evenings` ADD `self_study_task` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- "finished" is derived from the evenings now; a cohort stored as finished was put away: archived.
UPDATE `cohorts` SET `status` = 'archived' WHERE `status` = 'finished';
