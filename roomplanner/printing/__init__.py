"""The printing stage (印制): print-ready boards from a solved plan.

``roomplanner.printing.boards.render_boards(plan, out_dir, …)`` is the entry the pipeline
calls. Modules, in pipeline order: ``templates`` (data: official texts, role templates, style,
palette) → ``compose`` (what a board says, typesetting) + ``layouts`` (one per template) →
``pdf`` / ``svg`` (backends) and ``production`` (the production list); ``images`` handles
photos and ``calendar`` the activity-day dates. See docs/boards.md.
"""
