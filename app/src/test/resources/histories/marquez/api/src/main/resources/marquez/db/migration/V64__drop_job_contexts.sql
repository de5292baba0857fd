DROP TABLE job_contexts;
