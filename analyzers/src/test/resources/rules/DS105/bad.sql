-- expect: DS105
TRUNCATE orders;

-- expect: DS105
TRUNCATE TABLE sessions, carts RESTART IDENTITY;
