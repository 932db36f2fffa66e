CREATE TABLE `bw_enterprises` (
	`partner_id` text NOT NULL,
	`id` text NOT NULL,
	`org_id` text NOT NULL,
	`sp_enterprise_id` text NOT NULL,
	`provisioning_id` text,
	`enabled` integer NOT NULL,
	`enabled_at` text,
	`cluster` text,
	`cluster_source` text,
	`sync_status` text,
	`status` text,
	`refreshed_at` text NOT NULL,
	PRIMARY KEY(`partner_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `bw_enterprises_sp_idx` ON `bw_enterprises` (`partner_id`,`sp_enterprise_id`);--> statement-breakpoint
CREATE TABLE `bw_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`status` text NOT NULL,
	`state` text NOT NULL,
	`checkpoint` integer DEFAULT 0 NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	`ended_at` text,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `bw_jobs_partner_idx` ON `bw_jobs` (`partner_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `bw_sync_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`partner_id` text NOT NULL,
	`enterprise_id` text NOT NULL,
	`started_at` text NOT NULL,
	`ended_at` text,
	`sync_status` text NOT NULL,
	`tracking_id` text,
	`status` text NOT NULL,
	`seen_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bw_sync_history_seen_idx` ON `bw_sync_history` (`partner_id`,`enterprise_id`,`started_at`,`sync_status`);