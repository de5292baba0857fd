SELECT 1;

CREATE TABLE ${tenant}.t (id int);
