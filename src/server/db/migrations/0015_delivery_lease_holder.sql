-- The worker process holding a delivery's lease (host/pid/start time): a restarted worker takes
-- back at once the leases of a dead worker on its host instead of waiting out the lease.
ALTER TABLE "message_deliveries" ADD COLUMN "locked_by" text;
--> statement-breakpoint
CREATE INDEX "message_deliveries_sending_idx" ON "message_deliveries" USING btree ("locked_by") WHERE "message_deliveries"."status" = 'sending';
