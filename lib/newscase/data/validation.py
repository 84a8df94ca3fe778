"""Validate an article folder: structure, Frictionless schema checks, then the course's rules.

Every problem is one line (see ``newscase.data.errors``), and all of them are collected.
"""

from __future__ import annotations

from pathlib import Path

from newscase.data.contract import contract_errors, too_few_rows
from newscase.data.rules import rule_errors
from newscase.data.schema import schema_errors
from newscase.data.tables import Table, read_article_text, read_descriptor, read_table


def validate_folder(folder: Path) -> tuple[dict | None, str | None, dict[str, Table], list[str]]:
    """Read and check everything; return the descriptor, text, tables and all problems."""
    descriptor, errors = read_descriptor(folder)
    if descriptor is None:
        return None, None, {}, errors
    contract = contract_errors(descriptor, folder)
    text, errors = read_article_text(folder, descriptor["article"])
    errors = contract.pop("") + errors
    tables: dict[str, Table] = {}
    for resource in descriptor["resources"]:
        table, table_errors = read_table(folder, resource)
        tables[table.name] = table
        broken = contract.get(table.name, [])
        errors += broken + table_errors
        if broken:  # the lessons' rules assume the canonical columns: skip this table's rules
            table.usable = False
        elif table.usable:
            errors += too_few_rows(table.name, len(table.rows))
    errors += schema_errors(folder, descriptor, tables)
    if text is not None:
        errors += rule_errors(text, tables)
    return descriptor, text, tables, list(dict.fromkeys(errors))
