-- The revision numbers and kept partnership cards of migrations 0008-0010 go (docs/decisions/013): the
-- pages read the tables directly again. Their view also needed SQLite 3.44 (ORDER BY inside an aggregate),
-- which kept the database from opening in Debian 12's sqlite3 CLI.
DROP TRIGGER IF EXISTS `cohorts_catalogue_revision_after_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `cohorts_catalogue_revision_after_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `cohorts_catalogue_revision_after_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `evenings_catalogue_revision_after_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `evenings_catalogue_revision_after_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `evenings_catalogue_revision_after_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `sites_catalogue_revision_after_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `sites_catalogue_revision_after_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `sites_catalogue_revision_after_delete`;
--> statement-breakpoint
DROP TABLE IF EXISTS `catalogue_revision`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `partnership_members_cards_after_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `partnership_members_cards_after_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `partnership_members_cards_after_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `users_partnership_cards_after_rename`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `cohorts_partnership_cards_after_retitle`;
--> statement-breakpoint
DROP VIEW IF EXISTS `partnership_cards_live`;
--> statement-breakpoint
DROP TABLE IF EXISTS `partnership_cards`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `registrations_roster_after_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `registrations_roster_after_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `registrations_roster_after_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `partnership_members_roster_after_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `partnership_members_roster_after_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `partnership_members_roster_after_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `users_roster_after_profile_change`;
--> statement-breakpoint
DROP TABLE IF EXISTS `cohort_roster_revision`;
