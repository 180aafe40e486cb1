// The store's schema, as ordered migrations; `user_version` records how many have run.

/** requests (answers) and judgments (judge calls) are both cached calls with the same columns. */
function callTable(name: string): string {
  return `
  CREATE TABLE ${name} (
    key TEXT PRIMARY KEY,
    endpoint TEXT NOT NULL,
    model TEXT NOT NULL,
    material TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
    response TEXT,
    prompt_tokens INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX ${name}_model ON ${name} (endpoint, model);`;
}

export const MIGRATIONS: readonly string[] = [
  `${callTable('requests')}
  ${callTable('judgments')}
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    definition TEXT NOT NULL,
    summary TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
];
