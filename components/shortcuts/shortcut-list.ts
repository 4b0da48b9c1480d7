import { ADD_KEY, GO_KEYS, GO_PREFIX_KEY, HELP_KEY, SEARCH_KEY } from './shortcut-keys';

/**
 * Every keyboard shortcut of the app with what it does, for the help dialog. The keys come from
 * ./shortcut-keys.ts, which the global handler (use-global-shortcuts.ts) reads too, so the two cannot
 * drift apart; this text loads with the help. The task-list keys are handled in components/tasks; they
 * are described here so `?` shows them all.
 */

/** One way to press a shortcut: keys pressed one after another (`g`, `t`), each maybe a chord ("Alt+↑"). */
type KeySequence = readonly string[];

export type Shortcut = {
  /** Alternatives (`e` or `Enter`); each a sequence of keys. */
  readonly keys: readonly KeySequence[];
  readonly description: string;
};

export type ShortcutGroup = { readonly name: string; readonly shortcuts: readonly Shortcut[] };

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    name: 'Anywhere',
    shortcuts: [
      { keys: [[ADD_KEY]], description: 'Add a task' },
      { keys: [[SEARCH_KEY]], description: 'Search tasks' },
      { keys: [[GO_PREFIX_KEY, GO_KEYS.today]], description: 'Go to Today' },
      { keys: [[GO_PREFIX_KEY, GO_KEYS.upcoming]], description: 'Go to Upcoming' },
      { keys: [[GO_PREFIX_KEY, GO_KEYS.inbox]], description: 'Go to the Inbox' },
      { keys: [[HELP_KEY]], description: 'Show these shortcuts' },
    ],
  },
  {
    name: 'Task list',
    shortcuts: [
      { keys: [['j'], ['k']], description: 'Next or previous task' },
      { keys: [['x']], description: 'Complete or reopen the task' },
      { keys: [['e'], ['Enter']], description: 'Open the task' },
      { keys: [['Delete']], description: 'Delete the task (you can undo)' },
      { keys: [['Alt+↑'], ['Alt+↓']], description: 'Move the task up or down' },
    ],
  },
];
