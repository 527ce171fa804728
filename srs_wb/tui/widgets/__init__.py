"""Reusable widgets; each talks to its screen through its own `Message` classes."""
