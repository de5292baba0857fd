--liquibase formatted sql
--changeset alice:1
CREATE TABLE users (id bigint PRIMARY KEY);
