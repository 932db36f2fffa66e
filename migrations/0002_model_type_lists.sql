CREATE TABLE `model_type_lists` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`include` text NOT NULL,
	`exclude` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `model_type_lists_name_unique` ON `model_type_lists` (`name`);