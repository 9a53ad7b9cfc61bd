"""An inspection on site: starting it, the 4+22 checklist, hazards, interviews and quizzes, signatures."""
