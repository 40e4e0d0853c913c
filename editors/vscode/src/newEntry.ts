//! "New entry for today" as a snippet: the extension asks the server for its
//! plan (`studylog.newEntry` with `"apply": false`, which changes nothing)
//! and inserts the entry itself as a snippet, so the user tabs through its
//! fields with the cursor in the first one. While the note is unsaved, the
//! server shows the entry's blanks as hints, not errors. Pure: the editor is
//! injected, so the flow is tested without VS Code.

/** A position as the protocol sends it (UTF-16 columns, as VS Code's client negotiates). */
export interface PlanPosition {
  readonly line: number;
  readonly character: number;
}

/** The server's answer to `studylog.newEntry` with `"apply": false`. */
export interface NewEntryPlan {
  readonly action: 'insert' | 'create' | 'exists';
  readonly date: string;
  readonly uri: string;
  readonly position: PlanPosition;
  readonly snippet?: string;
  readonly message: string;
}

/** What the flow needs from the editor. */
export interface NewEntryEditor<Doc> {
  /** Creates the (empty) file at `uri`, unless it exists. */
  createFile(uri: string): Promise<void>;
  /** Opens `uri` in an editor and focuses it. */
  open(uri: string): Promise<Doc>;
  /** The document's line count (a file ending with a newline has an empty last line). */
  lineCount(doc: Doc): number;
  /** The length of a line, in UTF-16 code units. */
  lineLength(doc: Doc, line: number): number;
  /** Inserts `snippet` (LSP/VS Code snippet syntax) at `at`, entering snippet mode. */
  insertSnippet(doc: Doc, snippet: string, at: PlanPosition): Promise<boolean>;
  /** Moves the cursor to `at` and scrolls it into view. */
  reveal(doc: Doc, at: PlanPosition): void;
  info(message: string): void;
  error(message: string): void;
}

/** The argument of `studylog.newEntry`: where the user is, and no edit from the server. */
export function newEntryArgument(uri: string | undefined, date?: string): Record<string, unknown> {
  const argument: Record<string, unknown> = { apply: false };
  if (uri !== undefined) {
    argument.uri = uri;
  }
  if (date !== undefined) {
    argument.date = date;
  }
  return argument;
}

function isPosition(value: unknown): value is PlanPosition {
  const p = value as PlanPosition;
  return typeof value === 'object' && value !== null && Number.isInteger(p.line) && Number.isInteger(p.character);
}

/** The plan in `json`, or undefined when it is not one. */
export function parsePlan(json: unknown): NewEntryPlan | undefined {
  if (typeof json !== 'object' || json === null) {
    return undefined;
  }
  const p = json as Record<string, unknown>;
  const action = p.action;
  if (action !== 'insert' && action !== 'create' && action !== 'exists') {
    return undefined;
  }
  if (typeof p.uri !== 'string' || !isPosition(p.position) || typeof p.message !== 'string') {
    return undefined;
  }
  if (action !== 'exists' && typeof p.snippet !== 'string') {
    return undefined;
  }
  return {
    action,
    date: typeof p.date === 'string' ? p.date : '',
    uri: p.uri,
    position: p.position,
    snippet: typeof p.snippet === 'string' ? p.snippet : undefined,
    message: p.message,
  };
}

/**
 * Carries out the server's plan: a day that has its entry is shown with the
 * server's message; otherwise the note is opened (created first for a new
 * daily note) and the entry inserted as a snippet at the planned position.
 */
export async function applyNewEntryPlan<Doc>(json: unknown, editor: NewEntryEditor<Doc>): Promise<void> {
  const plan = parsePlan(json);
  if (plan === undefined) {
    editor.error('studylog: the server gave no place for the new entry.');
    return;
  }
  if (plan.action === 'exists') {
    const doc = await editor.open(plan.uri);
    editor.reveal(doc, plan.position);
    editor.info(`studylog: ${plan.message}`);
    return;
  }
  if (plan.action === 'create') {
    await editor.createFile(plan.uri);
  }
  const doc = await editor.open(plan.uri);
  let snippet = plan.snippet ?? '';
  let at = plan.position;
  const lines = editor.lineCount(doc);
  if (at.line >= lines) {
    // Past the last line (the document changed since the plan, or ends
    // without a newline): at the end, on a line of its own.
    const last = Math.max(0, lines - 1);
    const length = editor.lineLength(doc, last);
    at = { line: last, character: length };
    if (length > 0) {
      snippet = `\n${snippet}`;
    }
  }
  const inserted = await editor.insertSnippet(doc, snippet, at);
  if (!inserted) {
    editor.error(`studylog: the new entry for ${plan.date} could not be inserted.`);
    return;
  }
  editor.info(`studylog: ${plan.message} (Tab: next field)`);
}
