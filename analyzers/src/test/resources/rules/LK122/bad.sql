-- expect: LK122
ALTER TABLE orders SET TABLESPACE fast_ssd;
