CREATE TABLE `logs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`level` text NOT NULL,
	`kind` text NOT NULL,
	`message` text NOT NULL,
	`customer_id` text,
	`partner_id` text,
	`model` text,
	`device_id` text,
	`mac` text,
	`run_id` text,
	`transaction_id` text,
	`webex_status` integer,
	`webex_error_code` text,
	`webex_tracking_id` text
);
--> statement-breakpoint
CREATE INDEX `logs_at_idx` ON `logs` (`at`);--> statement-breakpoint
CREATE INDEX `logs_customer_idx` ON `logs` (`customer_id`,`id`);--> statement-breakpoint
CREATE INDEX `logs_tracking_idx` ON `logs` (`webex_tracking_id`);--> statement-breakpoint
ALTER TABLE `api_keys` ADD `rate_limit_per_minute` integer;