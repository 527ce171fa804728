"""Deck files in and out: pure readers and writers that turn files into `DeckSpec`s and back."""
