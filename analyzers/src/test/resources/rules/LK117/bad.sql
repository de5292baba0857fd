-- run-in-transaction: false
-- expect: LK117
ALTER TABLE measurements DETACH PARTITION measurements_2023;
