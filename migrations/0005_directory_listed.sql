-- Network directory (issue 7): users.directory_listed = opted in AND has a confirmed registration, kept
-- by the triggers below so that every path that changes either (sign-up, waiting-list promotion,
-- withdrawal, organiser moves, the profile, account deletion, seeds) keeps it right. The directory then
-- reads and counts listed people from one index instead of checking each person's registrations (the
-- unfiltered count checked ~8,000 people on every visit at national scale).
DROP INDEX `users_directory_idx`;--> statement-breakpoint
DROP INDEX `users_directory_name_idx`;--> statement-breakpoint
ALTER TABLE `users` ADD `directory_listed` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `users_directory_listed_name_idx` ON `users` (`directory_listed`,`name`);--> statement-breakpoint
CREATE INDEX `users_directory_listed_municipality_idx` ON `users` (`directory_listed`,`municipality`,`name`);--> statement-breakpoint
UPDATE `users` SET `directory_listed` = (`directory_opt_in` AND EXISTS (
	SELECT 1 FROM `registrations` r WHERE r.`user_id` = `users`.`id` AND r.`status` = 'confirmed'));
--> statement-breakpoint
CREATE TRIGGER `users_directory_listed_after_opt_in` AFTER UPDATE OF `directory_opt_in` ON `users`
WHEN old.`directory_opt_in` IS NOT new.`directory_opt_in` BEGIN
	UPDATE `users` SET `directory_listed` = (new.`directory_opt_in` AND EXISTS (
		SELECT 1 FROM `registrations` r WHERE r.`user_id` = new.`id` AND r.`status` = 'confirmed'))
	WHERE `id` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `registrations_directory_listed_after_insert` AFTER INSERT ON `registrations`
WHEN new.`status` = 'confirmed' BEGIN
	UPDATE `users` SET `directory_listed` = `directory_opt_in` WHERE `id` = new.`user_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `registrations_directory_listed_after_update` AFTER UPDATE OF `status`, `user_id` ON `registrations`
WHEN old.`status` IS NOT new.`status` OR old.`user_id` IS NOT new.`user_id` BEGIN
	UPDATE `users` SET `directory_listed` = (`directory_opt_in` AND EXISTS (
		SELECT 1 FROM `registrations` r WHERE r.`user_id` = `users`.`id` AND r.`status` = 'confirmed'))
	WHERE `id` IN (old.`user_id`, new.`user_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `registrations_directory_listed_after_delete` AFTER DELETE ON `registrations`
WHEN old.`status` = 'confirmed' BEGIN
	UPDATE `users` SET `directory_listed` = (`directory_opt_in` AND EXISTS (
		SELECT 1 FROM `registrations` r WHERE r.`user_id` = `users`.`id` AND r.`status` = 'confirmed'))
	WHERE `id` = old.`user_id`;
END;
