"""Excel in and out: read any real-world list safely, plan an import, apply it; export.

Reading goes through python-calamine (Rust, no Python XML parsing, merged ranges included);
writing goes through openpyxl, which uses defusedxml when it is installed.
"""
