ALTER TABLE orders ADD COLUMN note text;

-- expect: LK121
ALTER TABLE orders ADD COLUMN shipped_at timestamptz;

-- expect: LK121
ALTER TABLE public.orders ALTER COLUMN note SET DEFAULT '';
