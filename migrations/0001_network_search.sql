-- Network search (issue 7): a full-text index over the directory's searchable fields, so a search
-- reads only the people whose name / municipality / special competence has a word starting with the
-- query, instead of lower-casing every opted-in person. unicode61 folds case for all letters (Æ/Ø/Å
-- too) and, with remove_diacritics 0, keeps å, ø and æ distinct from a, o and ae as Norwegian expects.
-- External content: the text lives only in users; the triggers keep the index in step.
CREATE VIRTUAL TABLE `users_fts` USING fts5(
	`name`, `municipality`, `special_competence`,
	content='users', content_rowid='id',
	tokenize='unicode61 remove_diacritics 0', prefix='2 3'
);
--> statement-breakpoint
INSERT INTO `users_fts`(`users_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `users_fts_after_insert` AFTER INSERT ON `users` BEGIN
	INSERT INTO `users_fts`(`rowid`, `name`, `municipality`, `special_competence`)
	VALUES (new.`id`, new.`name`, new.`municipality`, new.`special_competence`);
END;
--> statement-breakpoint
CREATE TRIGGER `users_fts_after_delete` AFTER DELETE ON `users` BEGIN
	INSERT INTO `users_fts`(`users_fts`, `rowid`, `name`, `municipality`, `special_competence`)
	VALUES ('delete', old.`id`, old.`name`, old.`municipality`, old.`special_competence`);
END;
--> statement-breakpoint
CREATE TRIGGER `users_fts_after_update` AFTER UPDATE OF `name`, `municipality`, `special_competence` ON `users` BEGIN
	INSERT INTO `users_fts`(`users_fts`, `rowid`, `name`, `municipality`, `special_competence`)
	VALUES ('delete', old.`id`, old.`name`, old.`municipality`, old.`special_competence`);
	INSERT INTO `users_fts`(`rowid`, `name`, `municipality`, `special_competence`)
	VALUES (new.`id`, new.`name`, new.`municipality`, new.`special_competence`);
END;
