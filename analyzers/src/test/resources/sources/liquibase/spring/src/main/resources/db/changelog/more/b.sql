--liquibase formatted sql
--changeset frank:b
ALTER TABLE t ADD COLUMN b int;
