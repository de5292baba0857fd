-- expect: LK101
TODO statement that must be reported;
