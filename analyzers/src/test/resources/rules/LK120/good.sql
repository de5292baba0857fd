REFRESH MATERIALIZED VIEW CONCURRENTLY daily_sales;

-- A view created in the same migration has no readers yet:
CREATE MATERIALIZED VIEW weekly_sales AS SELECT date_trunc('week', placed_at) AS week, sum(total) FROM orders GROUP BY 1 WITH NO DATA;
REFRESH MATERIALIZED VIEW weekly_sales;
