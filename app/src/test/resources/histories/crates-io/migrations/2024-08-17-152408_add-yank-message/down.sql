ALTER TABLE versions DROP yank_message;
