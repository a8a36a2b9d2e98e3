"""Stage 3, check: content checks of sources and data, and checks of the built site."""
