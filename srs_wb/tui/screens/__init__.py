"""The app's screens, one per file, each with its own stylesheet beside it."""
