DROP TABLE cache_tags_backfills;
