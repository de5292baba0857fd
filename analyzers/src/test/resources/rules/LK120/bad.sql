-- expect: LK120
REFRESH MATERIALIZED VIEW daily_sales;
