-- liquibase formatted sql
-- changeset frank:init
CREATE TABLE t (id int);
