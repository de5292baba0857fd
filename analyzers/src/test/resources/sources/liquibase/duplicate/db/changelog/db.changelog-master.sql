--liquibase formatted sql

--changeset alice:1
CREATE TABLE a (id int);

--changeset alice:1
CREATE TABLE b (id int);
