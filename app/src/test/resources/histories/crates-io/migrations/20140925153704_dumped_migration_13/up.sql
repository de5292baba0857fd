CREATE TABLE metadata (
            total_downloads        BIGINT NOT NULL
        );