"""solver stage."""
