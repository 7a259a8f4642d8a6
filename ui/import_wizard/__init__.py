"""导入清单: the clerk's wizard from a messy workbook to items in the ledger."""
