'use client';

import { closestCenter, DndContext, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { ReactNode } from 'react';
import type { Task } from '@/lib/tasks/schema';
import type { RowDrag } from './task-row';

/**
 * Drag and drop in manual order, with @dnd-kit. Loaded when a drag handle is first reached, so the
 * list's first load does not carry it; the keyboard's way is Alt+↑/↓ (use-row-keys.ts).
 */

type SortableRowsProps = {
  readonly tasks: readonly Task[];
  /** The moved task and the place it was dropped at (an index into `tasks`). */
  readonly onMove: (taskId: string, to: number) => void;
  readonly renderRow: (task: Task, drag: RowDrag) => ReactNode;
  readonly children: (rows: ReactNode) => ReactNode;
};

function titleOf(tasks: readonly Task[], id: string | number): string {
  return tasks.find((task) => task.id === id)?.title ?? 'the task';
}

export function SortableRows({ tasks, onMove, renderRow, children }: SortableRowsProps) {
  // A small distance first, so a click on the handle stays a click.
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }));
  const ids = tasks.map((task) => task.id);
  const place = (id: string | number | undefined) => (id === undefined ? 0 : ids.indexOf(String(id)) + 1);
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up “${titleOf(tasks, active.id)}”, position ${place(active.id)} of ${ids.length}.`,
    onDragOver: ({ active, over }) => (over ? `“${titleOf(tasks, active.id)}” is over position ${place(over.id)} of ${ids.length}.` : undefined),
    onDragEnd: ({ active, over }) => (over ? `Dropped “${titleOf(tasks, active.id)}” at position ${place(over.id)} of ${ids.length}.` : `Dropped “${titleOf(tasks, active.id)}”.`),
    onDragCancel: ({ active }) => `Moving “${titleOf(tasks, active.id)}” was cancelled.`,
  };

  function handleDragEnd({ active, over }: DragEndEvent) {
    if (!over || active.id === over.id) return;
    const to = ids.indexOf(String(over.id));
    if (to >= 0) onMove(String(active.id), to);
  }

  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={handleDragEnd} accessibility={{ announcements }}>
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        {children(tasks.map((task) => <SortableRow key={task.id} task={task} renderRow={renderRow} />))}
      </SortableContext>
    </DndContext>
  );
}

function SortableRow({ task, renderRow }: { readonly task: Task; readonly renderRow: SortableRowsProps['renderRow'] }) {
  const { setNodeRef, setActivatorNodeRef, listeners, transform, transition, isDragging } = useSortable({ id: task.id });
  return renderRow(task, {
    nodeRef: setNodeRef,
    handleRef: setActivatorNodeRef,
    handleListeners: listeners ?? {},
    style: {
      transform: transform ? `translate3d(0, ${Math.round(transform.y)}px, 0)` : undefined,
      transition: transition ?? undefined,
    },
    dragging: isDragging,
  });
}
