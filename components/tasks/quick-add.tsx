'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '@/lib/client/api';
import type { ParsedTaskText } from '@/lib/client/task-guards';
import { postTaskText, type NewTask } from '@/lib/client/tasks-api';
import { createTaskMutation } from '@/lib/query/task-mutations';
import { normalizeTag, tagKey, TITLE_MAX } from '@/lib/tasks/rules';
import { describeRecurrence } from '@/lib/recurrence/describe';
import { titleWithout, type ParsedPartType, type QuickAddPart } from '@/lib/tasks/quick-add-parts';
import type { Priority } from '@/lib/tasks/schema';
import { RepeatIcon } from '@/components/lists/icons';
import { useInbox, useList } from '@/components/lists/use-lists';
import { dayHeading, localToday } from './dates';
import { QUICK_ADD_ID } from './focus';
import styles from './quick-add.module.css';


const PARSE_DEBOUNCE_MS = 200;
const PRIORITY_NAMES: Record<Priority, string> = { low: 'Low', medium: 'Medium', high: 'High' };

/** The parse endpoint's answer; what will be created is the same shape less the parts the person dropped. */
type Parsed = ParsedTaskText;

function partKey(part: Pick<QuickAddPart, 'type' | 'text'>): string {
  return `${part.type}:${part.text.toLocaleLowerCase('en-US')}`;
}

/** What will be created: the reading less the dropped parts; `chips` are the kept parts in text order. */
type Understood = Parsed & {
  readonly chips: readonly QuickAddPart[];
  /** A kept rule whose date chip was dropped: its first occurrence from today is still to be asked for. */
  readonly needsFirstOccurrence: boolean;
};

function understand(text: string, parsed: Parsed | null, dropped: ReadonlySet<string>): Understood {
  if (!parsed) {
    return { title: text.trim(), dueDate: null, dueTime: null, priority: null, listId: null, newListName: null, tags: [], parts: [], recurrence: null, recurrencePart: null, chips: [], needsFirstOccurrence: false };
  }
  const all: readonly QuickAddPart[] = [...parsed.parts, ...(parsed.recurrencePart ? [parsed.recurrencePart] : [])].sort((a, b) => a.start - b.start);
  const chips = all.filter((part) => !dropped.has(partKey(part)));
  const kept = parsed.parts.filter((part) => !dropped.has(partKey(part)));
  const has = (type: QuickAddPart['type']) => chips.some((part) => part.type === type);
  const title = chips.length === all.length ? parsed.title : titleWithout(text, chips);
  const keptTags = new Set(kept.filter((part) => part.type === 'tag').map((part) => tagKey(normalizeTag(part.text))));
  const repeats = has('recurrence') && parsed.recurrence !== null;
  const namedDate = parsed.parts.some((part) => part.type === 'date');
  return {
    title,
    // Without a date part the parser's due date is the rule's first occurrence, so it goes with the rule.
    dueDate: has('date') || (repeats && !namedDate) ? parsed.dueDate : null,
    dueTime: has('date') ? parsed.dueTime : null,
    priority: has('priority') ? parsed.priority : null,
    listId: has('list') ? parsed.listId : null,
    newListName: has('list') ? parsed.newListName : null,
    tags: parsed.tags.filter((tag) => keptTags.has(tagKey(tag))),
    parts: kept,
    recurrence: repeats ? parsed.recurrence : null,
    recurrencePart: repeats ? parsed.recurrencePart : null,
    chips,
    needsFirstOccurrence: repeats && namedDate && !has('date'),
  };
}

/**
 * The rule alone, read again: its due date is then the first occurrence from today, and a rule the
 * dropped date had pinned ("every month" on the 15th) is pinned to that day instead.
 */
async function withFirstOccurrence(fields: Understood): Promise<Understood> {
  if (!fields.needsFirstOccurrence || !fields.recurrencePart) return fields;
  const alone = await postTaskText(fields.recurrencePart.text).catch(() => null);
  if (!alone?.recurrence || !alone.dueDate) return { ...fields, recurrence: null, recurrencePart: null, needsFirstOccurrence: false };
  return { ...fields, dueDate: alone.dueDate, recurrence: alone.recurrence, needsFirstOccurrence: false };
}

/**
 * One line that reads what it is given ("Buy milk tomorrow 5pm #Groceries +errands !1") as the
 * person types, shows what it understood, and adds the task on Enter. `q` anywhere focuses it (components/shortcuts).
 */
export function QuickAdd({
  listId: currentListId,
}: {
  /** The list shown, where a task goes unless its text names another; null: the Inbox. */
  readonly listId: string | null;
}) {
  const queryClient = useQueryClient();
  const inbox = useInbox();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [parse, setParse] = useState<{ readonly text: string; readonly result: Parsed } | null>(null);
  const [dropped, setDropped] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');

  const base = useMemo(() => createTaskMutation(queryClient), [queryClient]);
  const mutation = useMutation({
    ...base,
    onError: (error, input, result, context) => {
      void base.onError?.(error, input, result, context);
      setStatus('');
      setProblem(`“${input.title}” could not be added. ${error instanceof ApiError ? error.detail : 'Try again in a moment.'}`);
    },
  });

  useEffect(() => {
    const trimmed = text.trim();
    if (!trimmed) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      postTaskText(text, controller.signal)
        .then((result) => setParse({ text, result }))
        .catch(() => undefined);
    }, PARSE_DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  // The newest answer, even while the next one is on its way (its spans point into its own text).
  const shown = text.trim() && parse ? understand(parse.text, parse.result, dropped) : null;
  const namedList = useList(shown?.listId ?? null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const raw = text;
    if (!raw.trim()) return;
    let parsed = parse?.text === raw ? parse.result : null;
    if (!parsed) parsed = await postTaskText(raw).catch(() => null);
    const fields = await withFirstOccurrence(understand(raw, parsed, dropped));
    if (!fields.title) {
      setStatus('');
      setProblem('Add a few words for the title.');
      return;
    }
    if (fields.title.length > TITLE_MAX) {
      setStatus('');
      setProblem(`Titles are at most ${TITLE_MAX} characters.`);
      return;
    }
    const listId = fields.listId ?? (fields.newListName ? inbox?.id : undefined) ?? currentListId ?? inbox?.id;
    const task: NewTask = {
      title: fields.title,
      description: null,
      dueDate: fields.dueDate,
      priority: fields.priority ?? 'medium',
      ...(fields.dueDate && fields.dueTime ? { dueTime: fields.dueTime } : {}),
      ...(fields.dueDate && fields.recurrence ? { recurrence: fields.recurrence } : {}),
      ...(fields.tags.length > 0 ? { tags: fields.tags } : {}),
      ...(listId ? { listId } : {}),
    };
    mutation.mutate(task);
    setText('');
    setParse(null);
    setDropped(new Set());
    setProblem('');
    setStatus(`Added “${task.title}”.`);
    inputRef.current?.focus();
  }

  function drop(part: QuickAddPart) {
    setDropped((previous) => new Set([...previous, partKey(part)]));
    inputRef.current?.focus();
  }

  function chipText(part: QuickAddPart, fields: Understood): string {
    switch (part.type) {
      case 'recurrence':
        return (fields.recurrence ? describeRecurrence(fields.recurrence) : null) ?? part.text;
      case 'date': {
        const day = fields.dueDate ? dayHeading(fields.dueDate, localToday()) : part.text;
        return fields.dueTime ? `${day} ${fields.dueTime}` : day;
      }
      case 'list':
        return namedList?.name ?? fields.newListName ?? part.text;
      case 'tag':
        return `+${normalizeTag(part.text)}`;
      case 'priority':
        return fields.priority ? PRIORITY_NAMES[fields.priority] : part.text;
    }
  }

  const chips = shown ? shown.chips : [];
  return (
    <form className={styles.form} noValidate onSubmit={(event) => void handleSubmit(event)}>
      <label htmlFor={QUICK_ADD_ID} className={styles.label}>
        Quick add
      </label>
      <input
        ref={inputRef}
        id={QUICK_ADD_ID}
        name="quick-add"
        className="input"
        autoComplete="off"
        spellCheck={false}
        enterKeyHint="done"
        maxLength={500}
        placeholder="Buy milk tomorrow 5pm #Groceries +errands !1"
        aria-describedby="quick-add-hint"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setProblem('');
          if (!event.target.value.trim()) {
            setParse(null);
            setDropped(new Set());
          }
        }}
      />
      <p id="quick-add-hint" className={styles.hint}>
        Enter adds it. A date, “every …”, <kbd>#list</kbd>, <kbd>+tag</kbd> and <kbd>!1</kbd>–<kbd>!3</kbd> are read as you type. Press <kbd>q</kbd> to come back here.
      </p>
      <div aria-live="polite" className={styles.understood}>
        {shown && chips.length > 0 ? (
          <>
            <span className="visually-hidden">Understood: </span>
            <ul className={styles.chips} aria-label="Understood">
              {chips.map((part) => (
                <li key={`${part.type}-${part.start}`} className={styles.chip}>
                  <span className="visually-hidden">{PART_NAMES[part.type]}: </span>
                  {part.type === 'recurrence' ? <RepeatIcon className={styles.chipIcon} /> : null}
                  <span className={styles.chipText}>{chipText(part, shown)}</span>
                  <button type="button" className={styles.chipButton} onClick={() => drop(part)}>
                    <span aria-hidden="true">×</span>
                    <span className="visually-hidden">Keep “{part.text}” in the title</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {shown?.newListName && !shown.listId ? (
          <p className={styles.note}>No list “{shown.newListName}” — Enter adds to Inbox</p>
        ) : null}
      </div>
      <p role="status" className={styles.status}>
        {status}
      </p>
      {problem ? (
        <p role="alert" className={styles.problem}>
          {problem}
        </p>
      ) : null}
    </form>
  );
}

const PART_NAMES: Record<ParsedPartType | 'recurrence', string> = { date: 'Due', list: 'List', tag: 'Tag', priority: 'Priority', recurrence: 'Repeats' };
