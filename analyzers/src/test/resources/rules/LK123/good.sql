-- Prove the bound first: the attach then skips its scan.
ALTER TABLE measurements_2024 ADD CONSTRAINT measurements_2024_bound
  CHECK (at >= '2024-01-01' AND at < '2025-01-01') NOT VALID;
ALTER TABLE measurements_2024 VALIDATE CONSTRAINT measurements_2024_bound;
ALTER TABLE measurements ATTACH PARTITION measurements_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE measurements_2024 DROP CONSTRAINT measurements_2024_bound;

-- A partition created in the same change is empty:
CREATE TABLE measurements_2025 (LIKE measurements INCLUDING ALL);
ALTER TABLE measurements ATTACH PARTITION measurements_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
