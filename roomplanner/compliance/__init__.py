"""compliance stage."""
