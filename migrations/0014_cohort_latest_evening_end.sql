ALTER TABLE `cohorts` ADD `latest_evening_ends_at` integer;--> statement-breakpoint
UPDATE `cohorts` SET `latest_evening_ends_at` = (SELECT max(`ends_at`) FROM `evenings` WHERE `evenings`.`cohort_id` = `cohorts`.`id`);
