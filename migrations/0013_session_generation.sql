-- Sessions carry the user's session generation from when they were made; a password change or reset raises
-- the user's number, which ends every older session, including one made by a log-in racing the change.
ALTER TABLE `sessions` ADD `generation` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `session_generation` integer DEFAULT 0 NOT NULL;