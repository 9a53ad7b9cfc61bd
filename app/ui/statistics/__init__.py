"""Campaign figures in the window: the statistics page and its charts."""
