"""The server-rendered web UI: Jinja2 templates (autoescaped), small hand-written CSS/JS."""
