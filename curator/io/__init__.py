"""Import and export: text and Markdown files in; HTML files, static sites and Markdown folders out."""
