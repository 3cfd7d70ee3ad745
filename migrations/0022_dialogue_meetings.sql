ALTER TABLE `cohorts` ADD `summary` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `cohorts` ADD `summary_published_at` integer;--> statement-breakpoint
ALTER TABLE `surveys` ADD `pre_meeting` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `surveys` ADD `group_by_question_id` integer REFERENCES survey_questions(id) ON DELETE SET NULL;