"""The lesson (``views/lesson.py``): nine steps (``steps``), their cached numbers (``data``) and the
navigation between them (``nav``)."""
