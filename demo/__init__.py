"""Demo content built in code: organisations, accounts, guides, components, ideas, illustrations."""
