CREATE TABLE order_items (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id),
    sku      text NOT NULL,
    price    numeric(12, 2) NOT NULL
);

CREATE INDEX order_items_order_id_idx ON order_items (order_id);
