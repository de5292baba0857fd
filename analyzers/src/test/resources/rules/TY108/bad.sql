-- expect: TY108
CREATE TYPE order_status AS ENUM ('pending', 'shipped', 'delivered');
