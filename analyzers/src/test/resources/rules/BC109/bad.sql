-- expect: BC109
ALTER TYPE paper_status ADD VALUE 'pending_review';

-- expect: BC109
ALTER TYPE paper_status ADD VALUE IF NOT EXISTS 'withdrawn';
