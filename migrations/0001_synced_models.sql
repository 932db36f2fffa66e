CREATE TABLE `sync_changes` (
	`run_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`model` text NOT NULL,
	`item_id` text NOT NULL,
	`label` text,
	`kind` text NOT NULL,
	`fields` text NOT NULL,
	`at` text NOT NULL,
	PRIMARY KEY(`run_id`, `model`, `item_id`)
);
--> statement-breakpoint
CREATE INDEX `sync_changes_customer_idx` ON `sync_changes` (`customer_id`,`model`,`at`);--> statement-breakpoint
CREATE TABLE `sync_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`data_sync_id` text,
	`data_sync_name` text,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`state` text NOT NULL,
	`progress` integer NOT NULL,
	`requests` integer NOT NULL,
	`throttled` integer NOT NULL,
	`transaction_id` text,
	`error` text,
	`created_at` text NOT NULL,
	`started_at` text,
	`ended_at` text,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sync_runs_customer_idx` ON `sync_runs` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `sync_runs_one_active_idx` ON `sync_runs` (`customer_id`) WHERE status IN ('queued', 'running');--> statement-breakpoint
CREATE TABLE `sync_seen` (
	`run_id` text NOT NULL,
	`model` text NOT NULL,
	`item_id` text NOT NULL,
	PRIMARY KEY(`run_id`, `model`, `item_id`)
);
--> statement-breakpoint
CREATE TABLE `webex_activate_device` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`display_name` ,
	`product` ,
	`person_id` ,
	`workspace_id` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_activate_device_label_idx` ON `webex_activate_device` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_announcements` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`name` ,
	`file_name` ,
	`media_file_type` ,
	`level` ,
	`location_id` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_announcements_label_idx` ON `webex_announcements` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_auto_attendants` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`name` ,
	`phone_number` ,
	`extension` ,
	`location_id` ,
	`location_name` ,
	`business_schedule` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_auto_attendants_label_idx` ON `webex_auto_attendants` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_call_park_extensions` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`name` ,
	`extension` ,
	`location_id` ,
	`location_name` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_call_park_extensions_label_idx` ON `webex_call_park_extensions` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_call_park_group` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`name` ,
	`location_id` ,
	`location_name` ,
	`recall_option` ,
	`agent_count` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_call_park_group_label_idx` ON `webex_call_park_group` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_call_pickup` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`name` ,
	`location_id` ,
	`location_name` ,
	`notification_type` ,
	`agent_count` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_call_pickup_label_idx` ON `webex_call_pickup` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_calling_profile` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`name` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_calling_profile_label_idx` ON `webex_calling_profile` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_device` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`display_name` ,
	`product` ,
	`mac` ,
	`serial` ,
	`person_id` ,
	`workspace_id` ,
	`owner_email` ,
	`location_id` ,
	`connection_status` ,
	`managed_by` ,
	`last_seen` ,
	`calling_licensed` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_device_label_idx` ON `webex_device` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_dial_plans` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`name` ,
	`route_id` ,
	`route_name` ,
	`route_type` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_dial_plans_label_idx` ON `webex_dial_plans` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_floor` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`display_name` ,
	`floor_number` ,
	`location_id` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_floor_label_idx` ON `webex_floor` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_group` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`display_name` ,
	`member_size` ,
	`description` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_group_label_idx` ON `webex_group` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_hunt_group` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`name` ,
	`phone_number` ,
	`extension` ,
	`location_id` ,
	`location_name` ,
	`enabled` ,
	`agent_count` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_hunt_group_label_idx` ON `webex_hunt_group` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_license` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`name` ,
	`total_units` ,
	`consumed_units` ,
	`consumed_by_users` ,
	`consumed_by_workspaces` ,
	`subscription_id` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_license_label_idx` ON `webex_license` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_location` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`name` ,
	`time_zone` ,
	`city` ,
	`country` ,
	`preferred_language` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_location_label_idx` ON `webex_location` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_location_calling_details` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`name` ,
	`routing_prefix` ,
	`outside_dial_digit` ,
	`calling_line_id_number` ,
	`connection_type` ,
	`announcement_language` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_location_calling_details_label_idx` ON `webex_location_calling_details` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_location_floor` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`display_name` ,
	`floor_number` ,
	`location_id` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_location_floor_label_idx` ON `webex_location_floor` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_number` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`phone_number` ,
	`extension` ,
	`state` ,
	`phone_number_type` ,
	`main_number` ,
	`toll_free_number` ,
	`location_id` ,
	`location_name` ,
	`owner_id` ,
	`owner_type` ,
	`owner_name` ,
	`status` ,
	`usage` ,
	`vendor` ,
	`calling_licensed` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_number_label_idx` ON `webex_number` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_organization` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`display_name` ,
	`created` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_organization_label_idx` ON `webex_organization` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_place` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`display_name` ,
	`location_id` ,
	`floor_id` ,
	`type` ,
	`calling_type` ,
	`capacity` ,
	`supported_devices` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_place_label_idx` ON `webex_place` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_role` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`name` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_role_label_idx` ON `webex_role` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_room` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`title` ,
	`type` ,
	`team_id` ,
	`is_locked` ,
	`last_activity` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_room_label_idx` ON `webex_room` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_route_groups` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`name` ,
	`in_use` ,
	`gateway_count` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_route_groups_label_idx` ON `webex_route_groups` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_schedules` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`name` ,
	`type` ,
	`location_id` ,
	`location_name` ,
	`event_count` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_schedules_label_idx` ON `webex_schedules` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_team` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`name` ,
	`description` ,
	`created` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_team_label_idx` ON `webex_team` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_trunks` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`name` ,
	`trunk_type` ,
	`location_id` ,
	`location_name` ,
	`in_use` ,
	`status` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_trunks_label_idx` ON `webex_trunks` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_user` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`email` ,
	`display_name` ,
	`first_name` ,
	`last_name` ,
	`extension` ,
	`phone_numbers` ,
	`location_id` ,
	`licenses` ,
	`roles` ,
	`department` ,
	`title` ,
	`login_enabled` ,
	`calling_licensed` ,
	`created` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_user_label_idx` ON `webex_user` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_user_config` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`person_id` ,
	`email` ,
	`dnd_enabled` ,
	`voicemail_enabled` ,
	`call_waiting_enabled` ,
	`forward_always_enabled` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_user_config_label_idx` ON `webex_user_config` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_workspace_call_settings` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`workspace_id` ,
	`display_name` ,
	`call_waiting_enabled` ,
	`forward_always_enabled` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_workspace_call_settings_label_idx` ON `webex_workspace_call_settings` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_workspace_location` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`display_name` ,
	`location_id` ,
	`city_name` ,
	`country_code` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_workspace_location_label_idx` ON `webex_workspace_location` (`customer_id`,`label`);--> statement-breakpoint
CREATE TABLE `webex_workspace_location_floor` (
	`customer_id` text NOT NULL,
	`id` text NOT NULL,
	`label` text,
	`hash` text NOT NULL,
	`payload` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`changed_at` text NOT NULL,
	`display_name` ,
	`floor_number` ,
	`location_id` ,
	PRIMARY KEY(`customer_id`, `id`)
);
--> statement-breakpoint
CREATE INDEX `webex_workspace_location_floor_label_idx` ON `webex_workspace_location_floor` (`customer_id`,`label`);