"""printing stage."""
