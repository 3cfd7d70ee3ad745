CREATE TABLE `cohort_audience_sites` (
	`cohort_id` integer NOT NULL,
	`site_id` integer NOT NULL,
	PRIMARY KEY(`cohort_id`, `site_id`),
	FOREIGN KEY (`cohort_id`) REFERENCES `cohorts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `cohort_audience_sites_site_idx` ON `cohort_audience_sites` (`site_id`);--> statement-breakpoint
ALTER TABLE `cohorts` ADD `kind` text DEFAULT 'course' NOT NULL;--> statement-breakpoint
ALTER TABLE `cohorts` ADD `meeting_url` text;--> statement-breakpoint
ALTER TABLE `cohorts` ADD `audience` text DEFAULT 'site' NOT NULL;--> statement-breakpoint
CREATE INDEX `cohorts_kind_status_idx` ON `cohorts` (`kind`,`status`);--> statement-breakpoint
-- Network membership stays course-based: a confirmed place in a network meeting does not list anyone in
-- the directory (docs/decisions/016). The triggers of migration 0005 are recreated counting only
-- confirmed registrations in cohorts of kind 'course'. No meeting exists before this migration, so the
-- stored directory_listed values are already right. A cohort's kind never changes after creation.
DROP TRIGGER IF EXISTS `users_directory_listed_after_opt_in`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `registrations_directory_listed_after_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `registrations_directory_listed_after_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `registrations_directory_listed_after_delete`;--> statement-breakpoint
CREATE TRIGGER `users_directory_listed_after_opt_in` AFTER UPDATE OF `directory_opt_in` ON `users`
WHEN old.`directory_opt_in` IS NOT new.`directory_opt_in` BEGIN
	UPDATE `users` SET `directory_listed` = (new.`directory_opt_in` AND EXISTS (
		SELECT 1 FROM `registrations` r JOIN `cohorts` c ON c.`id` = r.`cohort_id`
		WHERE r.`user_id` = new.`id` AND r.`status` = 'confirmed' AND c.`kind` = 'course'))
	WHERE `id` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `registrations_directory_listed_after_insert` AFTER INSERT ON `registrations`
WHEN new.`status` = 'confirmed' AND (SELECT `kind` FROM `cohorts` WHERE `id` = new.`cohort_id`) = 'course' BEGIN
	UPDATE `users` SET `directory_listed` = `directory_opt_in` WHERE `id` = new.`user_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `registrations_directory_listed_after_update` AFTER UPDATE OF `status`, `user_id`, `cohort_id` ON `registrations`
WHEN old.`status` IS NOT new.`status` OR old.`user_id` IS NOT new.`user_id` OR old.`cohort_id` IS NOT new.`cohort_id` BEGIN
	UPDATE `users` SET `directory_listed` = (`directory_opt_in` AND EXISTS (
		SELECT 1 FROM `registrations` r JOIN `cohorts` c ON c.`id` = r.`cohort_id`
		WHERE r.`user_id` = `users`.`id` AND r.`status` = 'confirmed' AND c.`kind` = 'course'))
	WHERE `id` IN (old.`user_id`, new.`user_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `registrations_directory_listed_after_delete` AFTER DELETE ON `registrations`
WHEN old.`status` = 'confirmed' BEGIN
	UPDATE `users` SET `directory_listed` = (`directory_opt_in` AND EXISTS (
		SELECT 1 FROM `registrations` r JOIN `cohorts` c ON c.`id` = r.`cohort_id`
		WHERE r.`user_id` = `users`.`id` AND r.`status` = 'confirmed' AND c.`kind` = 'course'))
	WHERE `id` = old.`user_id`;
END;
