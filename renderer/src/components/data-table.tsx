import type { ReactNode } from 'react';

/** A column heading; a `numeric` column holds figures, aligned right under its heading. */
export type Column = string | { label: string; numeric: true };

interface DataTableProps {
  columns: readonly Column[];
  /** A last column for each row's buttons, its heading for screen readers only. */
  actions?: boolean;
  /** Tighter rows, for tables of many rows or of figures. */
  compact?: boolean;
  /** The table's accessible name, when no heading right before it names it. */
  label?: string;
  /** The rows: `<tr>` elements. */
  children: ReactNode;
}

/** The dashboard's tables: one look, one heading row, scrolling sideways on a narrow window. */
export function DataTable({ columns, actions = false, compact = false, label, children }: DataTableProps) {
  return (
    <div className="table-wrap">
      <table className={compact ? 'table table-compact' : 'table'} aria-label={label}>
        <thead>
          <tr>
            {columns.map((column) =>
              typeof column === 'string' ? (
                <th key={column} scope="col">
                  {column}
                </th>
              ) : (
                <th key={column.label} scope="col" className="numeric">
                  {column.label}
                </th>
              ),
            )}
            {actions ? (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
