-- Network directory (issue 7): each person's current partnerships as the cards show them, so a page of 20
-- people reads them with its rows instead of joining ~60 members, people and cohorts at random places
-- (~190 µs of the page at national scale). partnership_cards_live is the definition; the triggers below
-- write it for the people a change touches, whatever path makes the change (pairing, leaving, renames,
-- account deletion, cohort deletion, seeds). Partnerships by id, co-members by name then membership.
CREATE TABLE `partnership_cards` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`cards` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE VIEW `partnership_cards_live` AS
SELECT u.`id` AS `user_id`,
	(SELECT json_group_array(json_object(
			'partnershipId', m.`partnership_id`,
			'cohortTitle', c.`title`,
			'partners', json((SELECT json_group_array(json_object('name', p.`name`, 'profession', p.`profession`) ORDER BY p.`name`, o.`id`)
				FROM `partnership_members` o JOIN `users` p ON p.`id` = o.`user_id`
				WHERE o.`partnership_id` = m.`partnership_id` AND o.`left_at` IS NULL AND o.`user_id` <> m.`user_id`))
		) ORDER BY m.`partnership_id`)
		FROM `partnership_members` m JOIN `cohorts` c ON c.`id` = m.`cohort_id`
		WHERE m.`user_id` = u.`id` AND m.`left_at` IS NULL) AS `cards`
FROM `users` u;
--> statement-breakpoint
INSERT INTO `partnership_cards` (`user_id`, `cards`)
SELECT `user_id`, `cards` FROM `partnership_cards_live`
WHERE `user_id` IN (SELECT `user_id` FROM `partnership_members` WHERE `left_at` IS NULL);
--> statement-breakpoint
CREATE TRIGGER `partnership_members_cards_after_insert` AFTER INSERT ON `partnership_members` BEGIN
	INSERT OR REPLACE INTO `partnership_cards` (`user_id`, `cards`)
	SELECT `user_id`, `cards` FROM `partnership_cards_live`
	WHERE `user_id` IN (SELECT `user_id` FROM `partnership_members` WHERE `partnership_id` = new.`partnership_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `partnership_members_cards_after_update` AFTER UPDATE OF `left_at`, `user_id`, `partnership_id`, `cohort_id` ON `partnership_members` BEGIN
	INSERT OR REPLACE INTO `partnership_cards` (`user_id`, `cards`)
	SELECT `user_id`, `cards` FROM `partnership_cards_live`
	WHERE `user_id` IN (SELECT `user_id` FROM `partnership_members` WHERE `partnership_id` IN (old.`partnership_id`, new.`partnership_id`))
		OR `user_id` = old.`user_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `partnership_members_cards_after_delete` AFTER DELETE ON `partnership_members` BEGIN
	INSERT OR REPLACE INTO `partnership_cards` (`user_id`, `cards`)
	SELECT `user_id`, `cards` FROM `partnership_cards_live`
	WHERE `user_id` IN (SELECT `user_id` FROM `partnership_members` WHERE `partnership_id` = old.`partnership_id`)
		OR `user_id` = old.`user_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `users_partnership_cards_after_rename` AFTER UPDATE OF `name`, `profession` ON `users`
WHEN old.`name` IS NOT new.`name` OR old.`profession` IS NOT new.`profession` BEGIN
	INSERT OR REPLACE INTO `partnership_cards` (`user_id`, `cards`)
	SELECT `user_id`, `cards` FROM `partnership_cards_live`
	WHERE `user_id` IN (SELECT o.`user_id` FROM `partnership_members` m JOIN `partnership_members` o ON o.`partnership_id` = m.`partnership_id`
		WHERE m.`user_id` = new.`id` AND m.`left_at` IS NULL AND o.`left_at` IS NULL AND o.`user_id` <> new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `cohorts_partnership_cards_after_retitle` AFTER UPDATE OF `title` ON `cohorts`
WHEN old.`title` IS NOT new.`title` BEGIN
	INSERT OR REPLACE INTO `partnership_cards` (`user_id`, `cards`)
	SELECT `user_id`, `cards` FROM `partnership_cards_live`
	WHERE `user_id` IN (SELECT `user_id` FROM `partnership_members` WHERE `cohort_id` = new.`id` AND `left_at` IS NULL);
END;
