CREATE TABLE public.posts (id bigint PRIMARY KEY, title text);
ALTER TABLE public.posts ADD COLUMN body text;
DROP TABLE IF EXISTS public.drafts;
CREATE TEMPORARY TABLE scratch (id bigint);
