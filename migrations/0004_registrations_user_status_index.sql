DROP INDEX `registrations_user_idx`;--> statement-breakpoint
CREATE INDEX `registrations_user_status_idx` ON `registrations` (`user_id`,`status`);