CREATE TABLE orders (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    quantity    integer NOT NULL,
    total       numeric(12, 2) NOT NULL,
    status      text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
