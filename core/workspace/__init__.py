"""The workspace on disk: run folders, the run store, uploads, atomic and safe file writing."""
