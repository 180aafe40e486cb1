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
  // 2: the fine-tuning ledger and the batches of batch evaluations.
  `
  CREATE TABLE ft_files (
    endpoint TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    file_id TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    filename TEXT NOT NULL,
    uploaded_at TEXT NOT NULL,
    PRIMARY KEY (endpoint, sha256)
  );
  CREATE TABLE ft_jobs (
    launch_key TEXT PRIMARY KEY,
    job_id TEXT UNIQUE,
    endpoint TEXT NOT NULL,
    base_model TEXT NOT NULL,
    dataset TEXT NOT NULL,
    dataset_sha256 TEXT NOT NULL,
    file_id TEXT,
    hyperparameters TEXT NOT NULL,
    resolved TEXT NOT NULL DEFAULT '{}',
    seed INTEGER NOT NULL,
    seed_index INTEGER NOT NULL,
    suffix TEXT NOT NULL,
    group_name TEXT NOT NULL,
    experiment TEXT,
    variant TEXT,
    status TEXT NOT NULL,
    history TEXT NOT NULL DEFAULT '[]',
    fine_tuned_model TEXT,
    trained_tokens INTEGER,
    error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE ft_events (
    job_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    level TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (job_id, event_id)
  );
  CREATE TABLE ft_checkpoints (
    job_id TEXT NOT NULL,
    checkpoint_id TEXT NOT NULL,
    model TEXT NOT NULL,
    step INTEGER NOT NULL,
    metrics TEXT NOT NULL,
    PRIMARY KEY (job_id, checkpoint_id)
  );
  CREATE TABLE ft_models (
    model TEXT PRIMARY KEY,
    job_id TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    group_name TEXT NOT NULL
  );
  CREATE TABLE batches (
    launch_key TEXT PRIMARY KEY,
    batch_id TEXT UNIQUE,
    endpoint TEXT NOT NULL,
    stage TEXT NOT NULL,
    requests INTEGER NOT NULL,
    input_file_id TEXT,
    status TEXT NOT NULL,
    output_file_id TEXT,
    error_file_id TEXT,
    ingested INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  // 3: a batch belongs to the evaluation run that made it (only that run ingests it).
  `
  ALTER TABLE batches ADD COLUMN run_id TEXT NOT NULL DEFAULT '';
  ALTER TABLE batches ADD COLUMN keys TEXT NOT NULL DEFAULT '[]';
  `,
  // 4: a job's validation file, its result files, and the per-step metrics read from them.
  `
  ALTER TABLE ft_jobs ADD COLUMN validation_dataset TEXT;
  ALTER TABLE ft_jobs ADD COLUMN validation_sha256 TEXT;
  ALTER TABLE ft_jobs ADD COLUMN validation_file_id TEXT;
  ALTER TABLE ft_jobs ADD COLUMN result_files TEXT NOT NULL DEFAULT '[]';
  CREATE TABLE ft_step_metrics (
    job_id TEXT NOT NULL,
    step INTEGER NOT NULL,
    file_id TEXT NOT NULL,
    train_loss REAL,
    train_accuracy REAL,
    valid_loss REAL,
    valid_token_accuracy REAL,
    PRIMARY KEY (job_id, step)
  );
  CREATE TABLE ft_result_files (
    job_id TEXT NOT NULL,
    file_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ingested', 'invalid')),
    steps INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    read_at TEXT NOT NULL,
    PRIMARY KEY (job_id, file_id)
  );
  `,
  // 5: who runs a run (process id and host), so that a run whose process is gone shows as interrupted,
  // and the command that resumes it.
  `
  ALTER TABLE runs ADD COLUMN owner_pid INTEGER;
  ALTER TABLE runs ADD COLUMN owner_host TEXT;
  ALTER TABLE runs ADD COLUMN resume_command TEXT;
  `,
  // 6: what a finished run's completeness rests on. The generation counts every removal or
  // replacement of a stored answer or judgment; a run sealed complete at a generation, with the
  // fingerprint of its definition and endpoints, is still complete while both are unchanged. A
  // sealed run's compact result table is kept with the same two, so a rerun reads it back.
  `
  CREATE TABLE cache_state (id INTEGER PRIMARY KEY CHECK (id = 1), generation INTEGER NOT NULL);
  INSERT INTO cache_state (id, generation) VALUES (1, 0);
  CREATE TRIGGER requests_removed AFTER DELETE ON requests BEGIN UPDATE cache_state SET generation = generation + 1; END;
  CREATE TRIGGER requests_replaced AFTER UPDATE ON requests WHEN old.status = 'ok' BEGIN UPDATE cache_state SET generation = generation + 1; END;
  CREATE TRIGGER judgments_removed AFTER DELETE ON judgments BEGIN UPDATE cache_state SET generation = generation + 1; END;
  CREATE TRIGGER judgments_replaced AFTER UPDATE ON judgments WHEN old.status = 'ok' BEGIN UPDATE cache_state SET generation = generation + 1; END;
  ALTER TABLE runs ADD COLUMN sealed_fingerprint TEXT;
  ALTER TABLE runs ADD COLUMN sealed_generation INTEGER;
  CREATE TABLE run_tables (
    run_id TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    generation INTEGER NOT NULL,
    data BLOB NOT NULL
  );
  `,
  // 7: how long each call took, in milliseconds from the request to the whole response (null for
  // calls stored before it was measured, and for results read from a batch's output file).
  `
  ALTER TABLE requests ADD COLUMN latency_ms INTEGER;
  ALTER TABLE judgments ADD COLUMN latency_ms INTEGER;
  `,
  // 8: the viewer's index of a run's samples (weirdgen view): one row per sample and per (sample,
  // judge column), keyed by what the run's rows rest on (its seal, or its last change), and a
  // full-text index of prompts and answers that keeps no text (contentless); text is read from
  // requests by key for the rows shown. The partial indexes count failed calls cheaply: a failed
  // call answered in place changes neither the newest rowid nor the cache generation, only that count.
  `
  CREATE INDEX requests_failed ON requests (key) WHERE status = 'failed';
  CREATE INDEX judgments_failed ON judgments (key) WHERE status = 'failed';
  CREATE TABLE view_runs (
    run_id TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    samples INTEGER NOT NULL,
    first_id INTEGER NOT NULL,
    answers_cost_usd REAL,
    unpriced TEXT NOT NULL DEFAULT '[]',
    built_at TEXT NOT NULL
  );
  CREATE TABLE view_samples (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    unit_ix INTEGER NOT NULL,
    grp TEXT NOT NULL,
    model TEXT NOT NULL,
    question TEXT NOT NULL,
    base_question TEXT NOT NULL,
    condition TEXT,
    paraphrase INTEGER NOT NULL,
    sample_ix INTEGER NOT NULL,
    request_key TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'pending')),
    UNIQUE (run_id, ordinal)
  );
  CREATE INDEX view_samples_group ON view_samples (run_id, grp, ordinal);
  CREATE INDEX view_samples_model ON view_samples (run_id, model, ordinal);
  CREATE INDEX view_samples_question ON view_samples (run_id, base_question, condition, ordinal);
  CREATE INDEX view_samples_condition ON view_samples (run_id, condition, ordinal);
  CREATE INDEX view_samples_status ON view_samples (run_id, status, ordinal);
  CREATE TABLE view_judges (
    sample_id INTEGER NOT NULL,
    run_id TEXT NOT NULL,
    col TEXT NOT NULL,
    status TEXT NOT NULL,
    label TEXT,
    value REAL,
    PRIMARY KEY (sample_id, col)
  ) WITHOUT ROWID;
  CREATE INDEX view_judges_label ON view_judges (run_id, col, label, sample_id);
  CREATE INDEX view_judges_status ON view_judges (run_id, status, sample_id);
  CREATE VIRTUAL TABLE view_text USING fts5(prompt, answer, content = '', contentless_delete = 1);
  `,
  // 9: the training method of a fine-tuning job (LoRA or all weights, rank, alpha, learning rate) as
  // JSON; NULL for jobs launched without one (the provider's own method).
  `
  ALTER TABLE ft_jobs ADD COLUMN method TEXT;
  `,
];
