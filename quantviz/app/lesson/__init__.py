"""The lesson (``views/lesson.py``): eight steps (``steps``), their cached numbers (``data``) and the
navigation between them (``nav``)."""
