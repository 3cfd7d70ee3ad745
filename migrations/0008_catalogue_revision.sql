-- Open-course lists kept in memory (issue 7): the front page, the dashboard and /courses read the open
-- cohorts with each one's first scheduled evening, a third of the dashboard's SQL. The lists depend only on
-- cohorts, evenings, sites and the time, so app/models/cohorts.server.ts keeps them while this number (raised
-- by the triggers below on every insert, update and delete of those tables, from any process) stays the same
-- and until the next moment one of their dates is passed.
CREATE TABLE `catalogue_revision` (
	`id` integer PRIMARY KEY NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO `catalogue_revision` (`id`, `revision`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `cohorts_catalogue_revision_after_insert` AFTER INSERT ON `cohorts` BEGIN
	UPDATE `catalogue_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `cohorts_catalogue_revision_after_update` AFTER UPDATE ON `cohorts` BEGIN
	UPDATE `catalogue_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `cohorts_catalogue_revision_after_delete` AFTER DELETE ON `cohorts` BEGIN
	UPDATE `catalogue_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `evenings_catalogue_revision_after_insert` AFTER INSERT ON `evenings` BEGIN
	UPDATE `catalogue_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `evenings_catalogue_revision_after_update` AFTER UPDATE ON `evenings` BEGIN
	UPDATE `catalogue_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `evenings_catalogue_revision_after_delete` AFTER DELETE ON `evenings` BEGIN
	UPDATE `catalogue_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `sites_catalogue_revision_after_insert` AFTER INSERT ON `sites` BEGIN
	UPDATE `catalogue_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `sites_catalogue_revision_after_update` AFTER UPDATE ON `sites` BEGIN
	UPDATE `catalogue_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `sites_catalogue_revision_after_delete` AFTER DELETE ON `sites` BEGIN
	UPDATE `catalogue_revision` SET `revision` = `revision` + 1 WHERE `id` = 1;
END;
