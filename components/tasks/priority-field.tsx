import type { Priority } from '@/lib/tasks/schema';
import { isPriority } from '@/lib/tasks/rules';
import { PRIORITY_OPTIONS } from './task-input';

type PriorityFieldProps = {
  readonly id: string;
  readonly value: Priority;
  readonly onChange: (priority: Priority) => void;
};

/** The labelled priority select shared by the add form and the inline editor. */
export function PriorityField({ id, value, onChange }: PriorityFieldProps) {
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        Priority
      </label>
      <select
        id={id}
        name="priority"
        className="input"
        value={value}
        onChange={(event) => {
          if (isPriority(event.target.value)) onChange(event.target.value);
        }}
      >
        {PRIORITY_OPTIONS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
