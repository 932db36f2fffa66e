CREATE INDEX `webex_device_person_id_idx` ON `webex_device` (`customer_id`,`person_id`);--> statement-breakpoint
CREATE INDEX `webex_device_workspace_id_idx` ON `webex_device` (`customer_id`,`workspace_id`);--> statement-breakpoint
CREATE INDEX `webex_device_calling_details_location_id_idx` ON `webex_device_calling_details` (`customer_id`,`location_id`);--> statement-breakpoint
CREATE INDEX `webex_device_configuration_device_id_idx` ON `webex_device_configuration` (`customer_id`,`device_id`);--> statement-breakpoint
CREATE INDEX `webex_device_lines_device_id_idx` ON `webex_device_lines` (`customer_id`,`device_id`);