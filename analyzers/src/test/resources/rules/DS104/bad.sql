-- expect: DS104
DROP DATABASE analytics;

-- expect: DS104
DROP DATABASE IF EXISTS old_reports;
