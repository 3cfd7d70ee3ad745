-- Partner finder (issue 7): the page filtered a cohort's ~200 confirmed participants in SQL on every request,
-- reading each person's row at a random place in `users` (~220 µs of the page at national scale, plus ~50 µs
-- for the municipality filter's list). app/models/pairing.server.ts now keeps each cohort's participants in
-- memory while this cohort's number stays the same. The triggers below raise it on every change that can
-- change what the finder shows, whatever path makes the change (registration, withdrawal, the organiser's
-- moves, pairing, leaving, profile edits, account deletion through the foreign keys, other processes).
-- No foreign key to cohorts: the triggers also run while a cohort's rows are deleted with it.
CREATE TABLE `cohort_roster_revision` (
	`cohort_id` integer PRIMARY KEY NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER `registrations_roster_after_insert` AFTER INSERT ON `registrations` BEGIN
	INSERT INTO `cohort_roster_revision` (`cohort_id`, `revision`) VALUES (new.`cohort_id`, 1)
	ON CONFLICT (`cohort_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `registrations_roster_after_update` AFTER UPDATE OF `status`, `cohort_id`, `user_id` ON `registrations` BEGIN
	INSERT INTO `cohort_roster_revision` (`cohort_id`, `revision`) VALUES (old.`cohort_id`, 1), (new.`cohort_id`, 1)
	ON CONFLICT (`cohort_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `registrations_roster_after_delete` AFTER DELETE ON `registrations` BEGIN
	INSERT INTO `cohort_roster_revision` (`cohort_id`, `revision`) VALUES (old.`cohort_id`, 1)
	ON CONFLICT (`cohort_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `partnership_members_roster_after_insert` AFTER INSERT ON `partnership_members` BEGIN
	INSERT INTO `cohort_roster_revision` (`cohort_id`, `revision`) VALUES (new.`cohort_id`, 1)
	ON CONFLICT (`cohort_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `partnership_members_roster_after_update` AFTER UPDATE OF `left_at`, `cohort_id`, `user_id`, `partnership_id` ON `partnership_members` BEGIN
	INSERT INTO `cohort_roster_revision` (`cohort_id`, `revision`) VALUES (old.`cohort_id`, 1), (new.`cohort_id`, 1)
	ON CONFLICT (`cohort_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `partnership_members_roster_after_delete` AFTER DELETE ON `partnership_members` BEGIN
	INSERT INTO `cohort_roster_revision` (`cohort_id`, `revision`) VALUES (old.`cohort_id`, 1)
	ON CONFLICT (`cohort_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `users_roster_after_profile_change`
AFTER UPDATE OF `name`, `profession`, `practice`, `municipality`, `special_competence`, `about`, `partner_profile_opt_in` ON `users`
WHEN old.`name` IS NOT new.`name` OR old.`profession` IS NOT new.`profession` OR old.`practice` IS NOT new.`practice`
	OR old.`municipality` IS NOT new.`municipality` OR old.`special_competence` IS NOT new.`special_competence`
	OR old.`about` IS NOT new.`about` OR old.`partner_profile_opt_in` IS NOT new.`partner_profile_opt_in` BEGIN
	INSERT INTO `cohort_roster_revision` (`cohort_id`, `revision`)
	SELECT `cohort_id`, 1 FROM `registrations` WHERE `user_id` = new.`id`
	ON CONFLICT (`cohort_id`) DO UPDATE SET `revision` = `revision` + 1;
END;
