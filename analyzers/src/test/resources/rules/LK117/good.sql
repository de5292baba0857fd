-- run-in-transaction: false
ALTER TABLE measurements DETACH PARTITION measurements_2023 CONCURRENTLY;
