DROP INDEX `survey_responses_survey_idx`;--> statement-breakpoint
CREATE INDEX `survey_responses_survey_submitted_idx` ON `survey_responses` (`survey_id`,`submitted_at`);