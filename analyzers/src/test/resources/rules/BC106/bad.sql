-- expect: BC106
ALTER TABLE orders ALTER COLUMN shipped_at DROP NOT NULL;
