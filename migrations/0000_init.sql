CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`customer_scope` text,
	`key_hash` text NOT NULL,
	`key_hint` text NOT NULL,
	`created_at` text NOT NULL,
	`last_used_at` text,
	`revoked_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_key_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`org_id` text NOT NULL,
	`org_uuid` text NOT NULL,
	`admin_email` text,
	`default_calling_behaviour` text,
	`email_domain` text,
	`dirsync_enabled` integer NOT NULL,
	`notes` text,
	`sync_on_create` integer NOT NULL,
	`partner_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_name_unique` ON `customers` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `customers_org_id_unique` ON `customers` (`org_id`);--> statement-breakpoint
CREATE INDEX `customers_partner_idx` ON `customers` (`partner_id`);--> statement-breakpoint
CREATE TABLE `data_syncs` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`name` text NOT NULL,
	`model_type_list` text NOT NULL,
	`models` text,
	`quick_import` integer NOT NULL,
	`refresh_existing` integer NOT NULL,
	`allow_add` integer NOT NULL,
	`allow_update` integer NOT NULL,
	`allow_remove` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `data_syncs_name_unique` ON `data_syncs` (`name`);--> statement-breakpoint
CREATE INDEX `data_syncs_customer_idx` ON `data_syncs` (`customer_id`);--> statement-breakpoint
CREATE TABLE `schedules` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`data_sync_id` text NOT NULL,
	`name` text NOT NULL,
	`interval_minutes` integer,
	`cron` text,
	`enabled` integer NOT NULL,
	`next_run_at` text,
	`last_run_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`data_sync_id`) REFERENCES `data_syncs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `schedules_name_unique` ON `schedules` (`name`);--> statement-breakpoint
CREATE INDEX `schedules_next_idx` ON `schedules` (`enabled`,`next_run_at`);--> statement-breakpoint
CREATE TABLE `webex_grants` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_type` text NOT NULL,
	`owner_id` text NOT NULL,
	`kind` text NOT NULL,
	`access_token_enc` text NOT NULL,
	`refresh_token_enc` text NOT NULL,
	`access_issued_at` text NOT NULL,
	`access_expires_at` text NOT NULL,
	`refresh_expires_at` text NOT NULL,
	`scopes` text,
	`authorized_org_id` text,
	`authorized_by` text,
	`service_app_id` text,
	`service_app_client_id` text,
	`service_app_client_secret_enc` text,
	`last_refresh_at` text,
	`last_refresh_outcome` text,
	`last_refresh_message` text,
	`revoked_at` text,
	`refresh_lock_until` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webex_grants_owner_idx` ON `webex_grants` (`owner_type`,`owner_id`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_type` text NOT NULL,
	`owner_id` text NOT NULL,
	`kind` text NOT NULL,
	`condition_key` text NOT NULL,
	`message` text NOT NULL,
	`created_at` text NOT NULL,
	`webhook_status` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_condition_key_unique` ON `notifications` (`condition_key`);--> statement-breakpoint
CREATE TABLE `oauth_states` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_type` text NOT NULL,
	`owner_id` text NOT NULL,
	`redirect_uri` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`used_at` text
);
--> statement-breakpoint
CREATE TABLE `partners` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`org_id` text NOT NULL,
	`org_uuid` text NOT NULL,
	`admin_email` text,
	`notes` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `partners_name_unique` ON `partners` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `partners_org_id_unique` ON `partners` (`org_id`);--> statement-breakpoint
CREATE TABLE `system_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `transactions` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text,
	`partner_id` text,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`progress` integer NOT NULL,
	`description` text NOT NULL,
	`message` text,
	`webex_tracking_id` text,
	`started_at` text NOT NULL,
	`ended_at` text
);
--> statement-breakpoint
CREATE INDEX `transactions_customer_idx` ON `transactions` (`customer_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `transactions_started_idx` ON `transactions` (`started_at`);