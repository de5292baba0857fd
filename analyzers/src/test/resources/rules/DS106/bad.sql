-- expect: DS106
TRUNCATE customers CASCADE;

-- expect: DS106
TRUNCATE TABLE carts, cart_items RESTART IDENTITY CASCADE;
