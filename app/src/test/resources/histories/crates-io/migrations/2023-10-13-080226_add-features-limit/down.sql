ALTER TABLE crates DROP max_features;
