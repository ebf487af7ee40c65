"""The LLM page's glue: its settings (the URL), cached data, and its sections."""
