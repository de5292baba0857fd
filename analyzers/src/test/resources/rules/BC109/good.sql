ALTER TYPE paper_status ADD VALUE 'pending_review' BEFORE 'approved';
ALTER TYPE paper_status ADD VALUE 'withdrawn' AFTER 'rejected';

CREATE TYPE mood AS ENUM ('sad', 'ok');
ALTER TYPE mood ADD VALUE 'happy';
