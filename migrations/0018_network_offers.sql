CREATE TABLE `network_offer_forms` (
	`offer_id` integer NOT NULL,
	`form_id` integer NOT NULL,
	PRIMARY KEY(`offer_id`, `form_id`),
	FOREIGN KEY (`offer_id`) REFERENCES `network_offers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`form_id`) REFERENCES `treatment_forms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `network_offer_forms_form_idx` ON `network_offer_forms` (`form_id`,`offer_id`);--> statement-breakpoint
CREATE TABLE `network_offers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`municipality` text NOT NULL,
	`municipality_key` text NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	`takes_new_patients` integer DEFAULT true NOT NULL,
	`waiting_weeks` integer,
	`contact_channel` text NOT NULL,
	`contact_detail` text DEFAULT '' NOT NULL,
	`published` integer DEFAULT false NOT NULL,
	`last_confirmed_at` integer NOT NULL,
	`stale_reminder_sent_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `network_offers_user_idx` ON `network_offers` (`user_id`);--> statement-breakpoint
CREATE INDEX `network_offers_published_municipality_idx` ON `network_offers` (`published`,`municipality_key`,`last_confirmed_at`);--> statement-breakpoint
CREATE INDEX `network_offers_published_confirmed_idx` ON `network_offers` (`published`,`last_confirmed_at`);--> statement-breakpoint
CREATE TABLE `treatment_forms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name_nb` text NOT NULL,
	`name_en` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `treatment_forms_slug_unique` ON `treatment_forms` (`slug`);--> statement-breakpoint
INSERT INTO `treatment_forms` (`slug`, `name_nb`, `name_en`, `position`) VALUES
	('psychomotor', 'Psykomotorisk fysioterapi', 'Psychomotor physiotherapy', 1),
	('arthrosis-exercise', 'Veiledet trening ved kne- eller hofteartrose', 'Supervised exercise for knee or hip arthrosis', 2),
	('pain-group', 'Gruppetrening ved langvarige smerter', 'Group training for long-lasting pain', 3),
	('nav-rehabilitation', 'Arbeidsrettet rehabilitering med NAV', 'Work-oriented rehabilitation with NAV', 4),
	('home-visits', 'Hjemmebesøk', 'Home visits', 5);
