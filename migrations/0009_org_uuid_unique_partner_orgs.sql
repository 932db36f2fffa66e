CREATE TABLE `partner_orgs` (
	`partner_id` text NOT NULL,
	`org_uuid` text NOT NULL,
	`display_name` text,
	PRIMARY KEY(`partner_id`, `org_uuid`),
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `partners` ADD `orgs_read_at` text;--> statement-breakpoint
-- One org is one customer (and one partner), however its id was spelled: compare lower-case UUIDs. If two rows
-- already share an org under different spellings, the unique index below fails and so does this migration:
-- delete one of the two (it is the very mix-up the index exists to prevent), then apply it again.
UPDATE `partners` SET `org_uuid` = lower(`org_uuid`);--> statement-breakpoint
UPDATE `customers` SET `org_uuid` = lower(`org_uuid`);--> statement-breakpoint
CREATE UNIQUE INDEX `partners_org_uuid_unique` ON `partners` (`org_uuid`);--> statement-breakpoint
CREATE UNIQUE INDEX `customers_org_uuid_unique` ON `customers` (`org_uuid`);