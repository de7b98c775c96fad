import { Button, Group, Table, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';

export interface ConfirmTableColumn<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
}

/** A row's undoable-only-by-hand action (revoke a key, remove a member): asked once more before it runs. */
export interface ConfirmAction<T> {
  /** The button, e.g. "Revoke". */
  label: string;
  /** The question that confirms it, naming the row and what follows. */
  question: (row: T) => string;
  run: (row: T) => void;
  /** The row whose action is running (its button shows it). */
  pendingId?: string | undefined;
  /** What the cell shows instead of the button when the row has nothing left to act on (a revoked key). */
  settled?: (row: T) => ReactNode;
}

/**
 * A table of the organisation's things with one destructive action per row, confirmed in the
 * row itself: the button turns into the question with "Yes" and "Cancel", so a stray click
 * changes nothing. Without an action (a reader's view) the column is left out.
 */
export function ConfirmTable<T extends { id: string }>(props: {
  rows: readonly T[];
  columns: ConfirmTableColumn<T>[];
  action?: ConfirmAction<T> | undefined;
  testId?: string;
}) {
  const { rows, columns, action } = props;
  const [asking, setAsking] = useState<string | null>(null);
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table data-testid={props.testId}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c, i) => (
              <Table.Th key={i}>{c.header}</Table.Th>
            ))}
            {action && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id}>
              {columns.map((c, i) => (
                <Table.Td key={i}>{c.cell(row)}</Table.Td>
              ))}
              {action && (
                <Table.Td>
                  {action.settled?.(row) ??
                    (asking === row.id ? (
                      <Group gap={6} wrap="nowrap">
                        <Text size="xs">{action.question(row)}</Text>
                        <Button
                          size="compact-xs"
                          color="red"
                          onClick={() => {
                            setAsking(null);
                            action.run(row);
                          }}
                        >
                          Yes, {action.label.toLowerCase()}
                        </Button>
                        <Button size="compact-xs" variant="default" onClick={() => setAsking(null)}>
                          Cancel
                        </Button>
                      </Group>
                    ) : (
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => setAsking(row.id)} loading={action.pendingId === row.id}>
                        {action.label}
                      </Button>
                    ))}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
