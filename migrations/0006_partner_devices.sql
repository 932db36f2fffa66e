CREATE TABLE `sip_credentials` (
	`customer_id` text NOT NULL,
	`device_id` text NOT NULL,
	`location_id` text,
	`password` text,
	`source` text,
	`rotated_at` text,
	`rotated_by` text,
	`rotations` integer DEFAULT 0 NOT NULL,
	`last_tracking_id` text,
	`pending` text,
	`pending_source` text,
	`pending_since` text,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`customer_id`, `device_id`),
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `sip_rotation_items` (
	`job_id` text NOT NULL,
	`device_id` text NOT NULL,
	`device_name` text,
	`mac` text,
	`location_id` text,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`webex_status` integer,
	`webex_error_code` text,
	`tracking_id` text,
	`message` text,
	`ended_at` text,
	PRIMARY KEY(`job_id`, `device_id`),
	FOREIGN KEY (`job_id`) REFERENCES `sip_rotation_jobs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sip_rotation_items_state_idx` ON `sip_rotation_items` (`job_id`,`state`);--> statement-breakpoint
CREATE TABLE `sip_rotation_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`location_id` text,
	`source` text NOT NULL,
	`status` text NOT NULL,
	`total` integer NOT NULL,
	`message` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`ended_at` text,
	`runner` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sip_rotation_jobs_customer_idx` ON `sip_rotation_jobs` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `webex_device_calling_details` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`device_id` ,
	`device_name` ,
	`mac` ,
	`model` ,
	`manufacturer` ,
	`managed_by` ,
	`activation_state` ,
	`sip_user_name` ,
	`line_port` ,
	`outbound_proxy` ,
	`ip` ,
	`location_id` ,
	`person_id` ,
	`workspace_id` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_device_calling_details_label_idx` ON `webex_device_calling_details` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_device_configuration` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`device_id` ,
	`device_name` ,
	`key` ,
	`value` ,
	`source` ,
	`editable` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_device_configuration_label_idx` ON `webex_device_configuration` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_device_lines` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`device_id` ,
	`device_name` ,
	`member_id` ,
	`member_type` ,
	`port` ,
	`line_type` ,
	`primary_owner` ,
	`line_port` ,
	`phone_number` ,
	`extension` ,
	`line_weight` ,
	`location_id` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_device_lines_label_idx` ON `webex_device_lines` (`customer_id`,`label`);--> statement-breakpoint
-- Customers created before this migration get the devices data sync and its daily schedule too (ids as UUIDs;
-- a name already taken by another customer's sync is skipped rather than failing the migration).
INSERT OR IGNORE INTO `data_syncs` (`id`, `customer_id`, `name`, `model_type_list`, `models`, `quick_import`, `refresh_existing`, `allow_add`, `allow_update`, `allow_remove`, `created_at`, `updated_at`)
SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-8' || substr(h, 18, 3) || '-' || substr(h, 21, 12)), `id`, 'SyncSparkDevices' || replace(`name`, ' ', ''), 'SparkDataAllMTL', '["Device","DeviceCallingDetails","DeviceLines","DeviceConfiguration"]', 0, 1, 1, 1, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM (SELECT hex(randomblob(16)) AS h, `id`, `name` FROM `customers`);
--> statement-breakpoint
INSERT OR IGNORE INTO `schedules` (`id`, `customer_id`, `data_sync_id`, `name`, `interval_minutes`, `cron`, `enabled`, `next_run_at`, `last_run_at`, `created_at`, `updated_at`)
SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-8' || substr(h, 18, 3) || '-' || substr(h, 21, 12)), `customer_id`, `id`, 'SyncSparkDevices-SCHED-' || replace(`customer_name`, ' ', ''), 1440, NULL, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+1 day'), NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM (
  SELECT hex(randomblob(16)) AS h, d.`customer_id`, d.`id`, c.`name` AS `customer_name`
  FROM `data_syncs` d JOIN `customers` c ON c.`id` = d.`customer_id`
  WHERE d.`name` = 'SyncSparkDevices' || replace(c.`name`, ' ', '')
);
