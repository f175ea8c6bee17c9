"""Background processes: the run queue, starting workers and curves, reattaching to them."""
