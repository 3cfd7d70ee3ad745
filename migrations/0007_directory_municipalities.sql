-- Network directory (issue 7): the municipalities of listed people (users.directory_listed, migration
-- 0005) with how many of each profession, kept by the triggers below, and a full-text index of their
-- names (the same tokenizer as users_fts, so a word typed matches the same names). A municipality search
-- finds the matching names there (a few hundred rows), reads a page of people in name order from
-- users_directory_listed_municipality_idx and takes the total from the counts, instead of looking up and
-- sorting every word match of a big municipality in users_fts.
CREATE TABLE `directory_municipalities` (
	`municipality` text PRIMARY KEY NOT NULL,
	`gp` integer DEFAULT 0 NOT NULL,
	`physio` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `directory_municipalities_fts` USING fts5(
	`municipality`, content='directory_municipalities', content_rowid='rowid',
	tokenize='unicode61 remove_diacritics 0', prefix='2 3'
);
--> statement-breakpoint
CREATE TRIGGER `directory_municipalities_fts_after_insert` AFTER INSERT ON `directory_municipalities` BEGIN
	INSERT INTO `directory_municipalities_fts`(`rowid`, `municipality`) VALUES (new.`rowid`, new.`municipality`);
END;
--> statement-breakpoint
CREATE TRIGGER `directory_municipalities_fts_after_delete` AFTER DELETE ON `directory_municipalities` BEGIN
	INSERT INTO `directory_municipalities_fts`(`directory_municipalities_fts`, `rowid`, `municipality`)
	VALUES ('delete', old.`rowid`, old.`municipality`);
END;
--> statement-breakpoint
INSERT INTO `directory_municipalities` (`municipality`, `gp`, `physio`)
	SELECT `municipality`, sum(`profession` = 'gp'), sum(`profession` = 'physio') FROM `users`
	WHERE `directory_listed` AND `municipality` IS NOT NULL GROUP BY `municipality`;
--> statement-breakpoint
CREATE TRIGGER `users_directory_municipalities_after_insert` AFTER INSERT ON `users`
WHEN new.`directory_listed` AND new.`municipality` IS NOT NULL BEGIN
	INSERT INTO `directory_municipalities` (`municipality`, `gp`, `physio`)
	VALUES (new.`municipality`, new.`profession` = 'gp', new.`profession` = 'physio')
	ON CONFLICT (`municipality`) DO UPDATE SET `gp` = `gp` + excluded.`gp`, `physio` = `physio` + excluded.`physio`;
END;
--> statement-breakpoint
CREATE TRIGGER `users_directory_municipalities_after_update` AFTER UPDATE OF `directory_listed`, `municipality`, `profession` ON `users`
WHEN (old.`directory_listed` OR new.`directory_listed`) AND (old.`directory_listed` IS NOT new.`directory_listed`
	OR old.`municipality` IS NOT new.`municipality` OR old.`profession` IS NOT new.`profession`) BEGIN
	UPDATE `directory_municipalities`
	SET `gp` = `gp` - (old.`profession` = 'gp'), `physio` = `physio` - (old.`profession` = 'physio')
	WHERE old.`directory_listed` AND `municipality` = old.`municipality`;
	DELETE FROM `directory_municipalities` WHERE `municipality` = old.`municipality` AND `gp` <= 0 AND `physio` <= 0;
	INSERT INTO `directory_municipalities` (`municipality`, `gp`, `physio`)
	SELECT new.`municipality`, new.`profession` = 'gp', new.`profession` = 'physio'
	WHERE new.`directory_listed` AND new.`municipality` IS NOT NULL
	ON CONFLICT (`municipality`) DO UPDATE SET `gp` = `gp` + excluded.`gp`, `physio` = `physio` + excluded.`physio`;
END;
--> statement-breakpoint
CREATE TRIGGER `users_directory_municipalities_after_delete` AFTER DELETE ON `users`
WHEN old.`directory_listed` AND old.`municipality` IS NOT NULL BEGIN
	UPDATE `directory_municipalities`
	SET `gp` = `gp` - (old.`profession` = 'gp'), `physio` = `physio` - (old.`profession` = 'physio')
	WHERE `municipality` = old.`municipality`;
	DELETE FROM `directory_municipalities` WHERE `municipality` = old.`municipality` AND `gp` <= 0 AND `physio` <= 0;
END;
