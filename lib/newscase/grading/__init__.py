"""Grading a class: the sandbox, the hand-in, the gradebook (`python -m newscase grade`)."""
