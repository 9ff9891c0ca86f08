"""Board content (图板内容): the official texts and templates as data, and what each board of a
plan says (:mod:`.boards`). Read by the printing stage and by the checker; draws nothing."""
