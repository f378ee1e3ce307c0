import GRDB

/// A named schema step. Once shipped it never changes: new needs get a new step.
typealias SQLiteMigration = (name: String, apply: @Sendable (Database) throws -> Void)

/// The SQLite schema's whole history, one linear list in the order steps were shipped.
///
/// GRDB records each applied step by its name, so an upgraded database applies only the
/// steps after the last one it has, in this order, and a new database applies them all in
/// the same order. Rules for this list:
/// - never edit, reorder or rename a step once shipped (the names below are the ones
///   existing databases have recorded, uneven as they are);
/// - a new step goes at the end, named `vN what it does` with N one more than the last
///   (the next is `v26`), and gets its PostgreSQL twin at the end of `PostgresSchema.steps`
///   under the same name;
/// - `SchemaUpgradeTests` upgrades a database made by an earlier release and checks that its
///   schema equals a new one's.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for step in history { migrator.registerMigration(step.name, migrate: step.apply) }
        return migrator
    }

    static let history: [SQLiteMigration] = [
        ("v1 tenants, reports, cases, idempotency, support events", { db in
            try db.execute(sql: """
                CREATE TABLE tenants (
                  id TEXT PRIMARY KEY,
                  name TEXT NOT NULL UNIQUE,
                  api_key_hash TEXT NOT NULL UNIQUE,
                  key_prefix TEXT NOT NULL,
                  created_at DATETIME NOT NULL
                );
                CREATE TABLE cases (
                  id TEXT PRIMARY KEY,
                  tenant_id TEXT NOT NULL REFERENCES tenants(id),
                  subject_key TEXT NOT NULL,
                  subject_kind TEXT NOT NULL,
                  subject_id TEXT NOT NULL,
                  report_count INTEGER NOT NULL,
                  first_report_at DATETIME NOT NULL,
                  last_report_at DATETIME NOT NULL,
                  status TEXT NOT NULL,
                  UNIQUE (tenant_id, subject_key)
                );
                CREATE TABLE reports (
                  id TEXT PRIMARY KEY,
                  tenant_id TEXT NOT NULL REFERENCES tenants(id),
                  case_id TEXT NOT NULL REFERENCES cases(id),
                  received_at DATETIME NOT NULL,
                  status TEXT NOT NULL,
                  surface TEXT NOT NULL,
                  category TEXT NOT NULL,
                  reporter_id TEXT NOT NULL,
                  reporter_country TEXT NOT NULL,
                  reporter_locale TEXT NOT NULL,
                  reporter_age TEXT NOT NULL,
                  reporter_is_target BOOLEAN NOT NULL,
                  subject_kind TEXT NOT NULL,
                  subject_id TEXT NOT NULL,
                  subject_url TEXT,
                  subject_author_id TEXT,
                  subject_text TEXT,
                  subject_language TEXT,
                  subject_created_at TEXT,
                  details TEXT,
                  good_faith BOOLEAN NOT NULL,
                  support_json TEXT
                );
                CREATE INDEX reports_by_case ON reports(case_id);
                CREATE INDEX reports_by_tenant ON reports(tenant_id, received_at);
                CREATE TABLE idempotency_keys (
                  tenant_id TEXT NOT NULL REFERENCES tenants(id),
                  key TEXT NOT NULL,
                  request_hash TEXT NOT NULL,
                  report_id TEXT NOT NULL,
                  response_json TEXT NOT NULL,
                  created_at DATETIME NOT NULL,
                  PRIMARY KEY (tenant_id, key)
                );
                CREATE TABLE support_event_counts (
                  tenant_id TEXT NOT NULL REFERENCES tenants(id),
                  day TEXT NOT NULL,
                  surface TEXT NOT NULL,
                  country TEXT NOT NULL,
                  category TEXT NOT NULL,
                  helpline_id TEXT NOT NULL,
                  event TEXT NOT NULL,
                  count INTEGER NOT NULL,
                  PRIMARY KEY (tenant_id, day, surface, country, category, helpline_id, event)
                );
                """)
        }),
        ("v2 outbox", { db in try db.execute(sql: SQLiteSchema.outbox) }),
        ("v3 trusted flaggers on reports", { db in
            // The organisation behind a trusted-flagger notice (DSA Art. 22); NULL for others.
            try db.execute(sql: "ALTER TABLE reports ADD COLUMN reporter_trusted_flagger TEXT")
        }),
        ("v4 moderators", { db in
            // A moderator belongs to one tenant. Personal tokens are stored as SHA-256 hashes,
            // like tenant keys; password_hash waits for the console's sign-in (bcrypt).
            try db.execute(sql: """
                CREATE TABLE moderators (
                  id TEXT PRIMARY KEY,
                  tenant_id TEXT NOT NULL REFERENCES tenants(id),
                  name TEXT NOT NULL UNIQUE,
                  role TEXT NOT NULL CHECK (role IN ('admin', 'moderator', 'compliance')),
                  token_hash TEXT UNIQUE,
                  token_prefix TEXT,
                  password_hash TEXT,
                  created_at DATETIME NOT NULL
                );
                CREATE INDEX moderators_by_tenant ON moderators(tenant_id);
                """)
        }),
        ("v5 queue facts and leases on cases", { db in
            // What the queue orders by, kept up to date in the report's transaction (see
            // SQLiteCaseFacts): the core's `PriorityInputs` summary, the time-independent part
            // of the priority score, the target time, the due time; then the lease, and when
            // the case was decided.
            try db.execute(sql: """
                ALTER TABLE cases ADD COLUMN severity INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE cases ADD COLUMN involves_minor BOOLEAN NOT NULL DEFAULT 0;
                ALTER TABLE cases ADD COLUMN has_threat BOOLEAN NOT NULL DEFAULT 0;
                ALTER TABLE cases ADD COLUMN trusted_flagger BOOLEAN NOT NULL DEFAULT 0;
                ALTER TABLE cases ADD COLUMN distinct_reporters INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE cases ADD COLUMN base_priority REAL NOT NULL DEFAULT 0;
                ALTER TABLE cases ADD COLUMN target_seconds REAL NOT NULL DEFAULT 86400;
                ALTER TABLE cases ADD COLUMN due_at DATETIME;
                ALTER TABLE cases ADD COLUMN author_id TEXT;
                ALTER TABLE cases ADD COLUMN lease_owner TEXT REFERENCES moderators(id);
                ALTER TABLE cases ADD COLUMN lease_expires_at DATETIME;
                ALTER TABLE cases ADD COLUMN decided_at DATETIME;
                CREATE INDEX cases_queue ON cases(tenant_id, status, base_priority DESC, due_at);
                CREATE INDEX reports_by_case_reporter ON reports(case_id, reporter_id);
                """)
        }),
        ("v6 decisions and statements of reasons", { db in
            try db.execute(sql: """
                CREATE TABLE decisions (
                  id TEXT PRIMARY KEY,
                  tenant_id TEXT NOT NULL REFERENCES tenants(id),
                  case_id TEXT NOT NULL REFERENCES cases(id),
                  moderator_id TEXT NOT NULL REFERENCES moderators(id),
                  decision_json TEXT NOT NULL,
                  restrictive BOOLEAN NOT NULL,
                  author_id TEXT,
                  decided_at DATETIME NOT NULL
                );
                CREATE INDEX decisions_by_case ON decisions(case_id, decided_at);
                -- Repeat offenders: restrictive decisions against one author, per tenant.
                CREATE INDEX decisions_by_author ON decisions(tenant_id, author_id, decided_at);
                CREATE TABLE statements_of_reasons (
                  puid TEXT PRIMARY KEY,
                  tenant_id TEXT NOT NULL REFERENCES tenants(id),
                  case_id TEXT NOT NULL REFERENCES cases(id),
                  decision_id TEXT NOT NULL UNIQUE REFERENCES decisions(id),
                  statement_json TEXT NOT NULL,
                  created_at DATETIME NOT NULL
                );
                CREATE INDEX statements_by_case ON statements_of_reasons(case_id, created_at);
                """)
        }),
        ("v7 append-only audit log", { db in
            // Who did what, when, to which case, with the state before and after. Triggers
            // refuse UPDATE and DELETE, so neither the console nor a bug can rewrite history.
            try db.execute(sql: """
                CREATE TABLE audit_log (
                  seq INTEGER PRIMARY KEY AUTOINCREMENT,
                  tenant_id TEXT NOT NULL REFERENCES tenants(id),
                  actor TEXT NOT NULL,
                  at DATETIME NOT NULL,
                  action TEXT NOT NULL,
                  case_id TEXT,
                  before_json TEXT,
                  after_json TEXT
                );
                CREATE INDEX audit_by_case ON audit_log(case_id, seq);
                CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
                CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
                """)
        }),
        ("v8 settings the stored priorities were computed with", { db in
            try db.execute(sql: "CREATE TABLE relais_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        }),
        ("webhooks v1 endpoints and delivery claims", { db in
            // The secret is stored as is: signing needs it (an HMAC key cannot be hashed
            // like an API key). One endpoint per tenant.
            //
            // claimed_by / claimed_until: a worker's short lease on an event while it sends
            // it, so several `relais serve` processes on one database never send the same
            // event at the same time. An expired lease (a crashed worker) is free again.
            try db.execute(sql: """
                CREATE TABLE webhook_endpoints (
                  tenant_id TEXT PRIMARY KEY REFERENCES tenants(id),
                  url TEXT NOT NULL,
                  secret TEXT NOT NULL,
                  updated_at DATETIME NOT NULL
                );
                ALTER TABLE outbox_events ADD COLUMN claimed_by TEXT;
                ALTER TABLE outbox_events ADD COLUMN claimed_until DATETIME;
                CREATE INDEX outbox_by_tenant_status ON outbox_events(tenant_id, status);
                """)
        }),
        ("console v1 sessions and sign-in lock-out", { db in
            // A session id is 256 random bits, sent only in the `relais_session` cookie and
            // stored as its SHA-256 (like API keys): a copy of the database signs nobody in.
            // The CSRF token of the session's forms lives beside it. Failed sign-ins are
            // counted on the moderator, so the lock-out holds across instances and restarts.
            try db.execute(sql: """
                CREATE TABLE console_sessions (
                  id_hash TEXT PRIMARY KEY,
                  moderator_id TEXT NOT NULL REFERENCES moderators(id),
                  csrf_token TEXT NOT NULL,
                  created_at DATETIME NOT NULL,
                  expires_at DATETIME NOT NULL,
                  ended_at DATETIME
                );
                CREATE INDEX console_sessions_by_moderator ON console_sessions(moderator_id);
                ALTER TABLE moderators ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE moderators ADD COLUMN locked_until DATETIME;
                """)
        }),
        ("v11 appeals, decision notices and replacements", { db in
            // A complaint against a decision (DSA Art. 20), reviewed in a queue of its own with
            // the same leases as cases. At most one open complaint per party, person and
            // decision: the partial unique index holds it even for two requests at once.
            // Decisions learn how they were told (the outbox event that carried them, and the
            // platform's confirmations) and what replaced them after a complaint.
            try db.execute(sql: """
                CREATE TABLE appeals (
                  id TEXT PRIMARY KEY,
                  tenant_id TEXT NOT NULL REFERENCES tenants(id),
                  case_id TEXT NOT NULL REFERENCES cases(id),
                  decision_id TEXT NOT NULL REFERENCES decisions(id),
                  party TEXT NOT NULL CHECK (party IN ('author', 'reporter')),
                  appellant_id TEXT NOT NULL,
                  explanation TEXT NOT NULL,
                  language TEXT NOT NULL,
                  status TEXT NOT NULL,
                  received_at DATETIME NOT NULL,
                  due_at DATETIME NOT NULL,
                  lease_owner TEXT REFERENCES moderators(id),
                  lease_expires_at DATETIME,
                  outcome TEXT,
                  reason TEXT,
                  text_for_appellant TEXT,
                  internal_note TEXT,
                  decided_by TEXT REFERENCES moderators(id),
                  decided_at DATETIME,
                  new_decision_id TEXT REFERENCES decisions(id),
                  restrictions_imposed BOOLEAN NOT NULL DEFAULT 0,
                  idempotency_key TEXT,
                  request_hash TEXT NOT NULL,
                  UNIQUE (tenant_id, idempotency_key)
                );
                CREATE INDEX appeals_queue ON appeals(tenant_id, status, due_at);
                CREATE INDEX appeals_by_tenant ON appeals(tenant_id, received_at);
                CREATE UNIQUE INDEX appeals_one_open ON appeals(decision_id, party, appellant_id) WHERE status = 'open';
                CREATE TABLE decision_notifications (
                  decision_id TEXT NOT NULL REFERENCES decisions(id),
                  party TEXT NOT NULL,
                  user_id TEXT NOT NULL,
                  informed_at DATETIME NOT NULL,
                  recorded_at DATETIME NOT NULL,
                  PRIMARY KEY (decision_id, party, user_id)
                );
                ALTER TABLE decisions ADD COLUMN notice_event_id TEXT;
                ALTER TABLE decisions ADD COLUMN replaces_decision_id TEXT REFERENCES decisions(id);
                ALTER TABLE decisions ADD COLUMN superseded_by TEXT REFERENCES decisions(id);
                ALTER TABLE decisions ADD COLUMN appeal_id TEXT;
                """)
        }),
        ("v12 trusted flaggers, hand-off references and reporter standing", { db in
            // A trusted flagger (DSA Art. 22) is an organisation of its own, with a hashed
            // token, accepted by each tenant it works with. A report knows the flagger that
            // filed it, the hand-off reference shown to the person who reported and their
            // consent, and the victim's report a flagger's notice was linked to. Reporter
            // standing counts manifestly unfounded notices (Art. 23) and when a reporter was
            // first seen (a raid's reporters are new). Flaggers receive their own webhooks.
            try db.execute(sql: """
                CREATE TABLE flaggers (
                  id TEXT PRIMARY KEY,
                  name TEXT NOT NULL UNIQUE,
                  designated_by TEXT NOT NULL,
                  expertise TEXT NOT NULL,
                  target_hours REAL NOT NULL,
                  token_hash TEXT UNIQUE,
                  token_prefix TEXT,
                  created_at DATETIME NOT NULL
                );
                CREATE TABLE flagger_tenants (
                  flagger_id TEXT NOT NULL REFERENCES flaggers(id),
                  tenant_id TEXT NOT NULL REFERENCES tenants(id),
                  accepted_at DATETIME NOT NULL,
                  PRIMARY KEY (flagger_id, tenant_id)
                );
                CREATE TABLE flagger_endpoints (
                  flagger_id TEXT PRIMARY KEY REFERENCES flaggers(id),
                  url TEXT NOT NULL,
                  secret TEXT NOT NULL,
                  updated_at DATETIME NOT NULL
                );
                ALTER TABLE reports ADD COLUMN flagger_id TEXT REFERENCES flaggers(id);
                ALTER TABLE reports ADD COLUMN handoff_code TEXT;
                ALTER TABLE reports ADD COLUMN handoff_consent TEXT;
                ALTER TABLE reports ADD COLUMN handoff_consent_at DATETIME;
                ALTER TABLE reports ADD COLUMN linked_report_id TEXT;
                ALTER TABLE reports ADD COLUMN low_weight_reason TEXT;
                ALTER TABLE reports ADD COLUMN reporter_was_new BOOLEAN NOT NULL DEFAULT 0;
                CREATE INDEX reports_by_handoff ON reports(tenant_id, handoff_code);
                CREATE INDEX reports_by_flagger ON reports(flagger_id, received_at);
                CREATE TABLE reporter_standing (
                  tenant_id TEXT NOT NULL REFERENCES tenants(id),
                  reporter_id TEXT NOT NULL,
                  first_seen_at DATETIME NOT NULL,
                  unfounded INTEGER NOT NULL DEFAULT 0,
                  warned_at DATETIME,
                  deprioritized_until DATETIME,
                  PRIMARY KEY (tenant_id, reporter_id)
                );
                ALTER TABLE cases ADD COLUMN new_reporters INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE cases ADD COLUMN low_weight_reports INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE outbox_events ADD COLUMN flagger_id TEXT;
                """)
        }),
        ("v13 DSA submissions to the Transparency Database", { db in
            // Each statement of reasons waits here to be sent to the DSA Transparency Database
            // (Art. 24(5)): queued in the decision's own transaction, claimed with a lease like
            // webhook events (one sender at a time per statement), then sent with the
            // Database's uuid and permalink, or rejected with the Database's reasons.
            // Statements stored before this step are queued too: the duty covers them.
            try db.execute(sql: """
                CREATE TABLE tdb_submissions (
                  puid TEXT PRIMARY KEY REFERENCES statements_of_reasons(puid),
                  tenant_id TEXT NOT NULL REFERENCES tenants(id),
                  case_id TEXT NOT NULL REFERENCES cases(id),
                  status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'rejected')),
                  attempts INTEGER NOT NULL DEFAULT 0,
                  next_attempt_at DATETIME NOT NULL,
                  claimed_by TEXT,
                  claimed_until DATETIME,
                  last_error TEXT,
                  uuid TEXT,
                  permalink TEXT,
                  reasons TEXT,
                  sent_at DATETIME,
                  created_at DATETIME NOT NULL
                );
                CREATE INDEX tdb_submissions_due ON tdb_submissions(tenant_id, status, next_attempt_at);
                CREATE INDEX tdb_submissions_by_case ON tdb_submissions(case_id);
                INSERT INTO tdb_submissions (puid, tenant_id, case_id, status, next_attempt_at, created_at)
                  SELECT puid, tenant_id, case_id, 'queued', created_at, created_at FROM statements_of_reasons;
                """)
        }),
        ("v14 reports name the person targeted", { db in
            // Who a report is about (`ReportDraft.targetId`): the reporter, or the user the
            // platform names. Reports about one person are found by it, newest last.
            try db.execute(sql: """
                ALTER TABLE reports ADD COLUMN target_id TEXT;
                CREATE INDEX reports_by_target ON reports(tenant_id, target_id, received_at) WHERE target_id IS NOT NULL;
                """)
        }),
        ("v15 case notes, escalation and disabled users", { db in
            // The team's private notes on a case (never sent anywhere), and its escalation to
            // the senior role: while escalated_at is set, only seniors claim the case.
            try db.execute(sql: """
                CREATE TABLE case_tags (
                  case_id TEXT NOT NULL REFERENCES cases(id),
                  tenant_id TEXT NOT NULL REFERENCES tenants(id),
                  tag TEXT NOT NULL,
                  added_by TEXT NOT NULL,
                  added_at DATETIME NOT NULL,
                  PRIMARY KEY (case_id, tag)
                );
                CREATE TABLE case_comments (
                  id TEXT PRIMARY KEY,
                  case_id TEXT NOT NULL REFERENCES cases(id),
                  tenant_id TEXT NOT NULL REFERENCES tenants(id),
                  author TEXT NOT NULL,
                  body TEXT NOT NULL,
                  created_at DATETIME NOT NULL
                );
                CREATE INDEX case_comments_by_case ON case_comments(case_id, created_at);
                ALTER TABLE cases ADD COLUMN escalated_at DATETIME;
                ALTER TABLE cases ADD COLUMN escalation_reason TEXT;
                ALTER TABLE cases ADD COLUMN escalated_by TEXT REFERENCES moderators(id);
                ALTER TABLE moderators ADD COLUMN disabled_at DATETIME;
                """)
        }),
        ("v16 decisions by tenant and time, for the transparency report", { db in
            // The report counts a tenant's restrictive decisions of a period (part 8).
            try db.execute(sql: "CREATE INDEX decisions_by_tenant ON decisions(tenant_id, decided_at)")
        }),
        ("v17 the claim picks from the heads of the queue's groups", { db in
            // Free cases by (target time, time-independent priority), then the claim's
            // tie-breaks: each group's first entry is its most urgent case (`QueuePick`);
            // escalated ones apart, for seniors; leased ones by expiry.
            try db.execute(sql: """
                CREATE INDEX cases_free ON cases(tenant_id, target_seconds, base_priority, due_at, first_report_at, id)
                  WHERE status = 'open' AND due_at IS NOT NULL AND lease_expires_at IS NULL AND escalated_at IS NULL;
                CREATE INDEX cases_free_escalated ON cases(tenant_id, target_seconds, base_priority, due_at, first_report_at, id)
                  WHERE status = 'open' AND due_at IS NOT NULL AND lease_expires_at IS NULL AND escalated_at IS NOT NULL;
                CREATE INDEX cases_leased ON cases(tenant_id, lease_expires_at)
                  WHERE status = 'open' AND due_at IS NOT NULL AND lease_expires_at IS NOT NULL;
                """)
        }),
        ("v18 pile-ons on the person targeted", { db in
            // Many authors against one person within a window (`PileOnPolicy`): one open
            // pile-on per target (the partial unique index), linking the cases. A case in a
            // pile-on names it (`pile_on_id`), which raises its priority. The window's
            // targeted reports are read from the covering index alone.
            try db.execute(sql: """
                CREATE TABLE pile_ons (
                  id TEXT PRIMARY KEY,
                  tenant_id TEXT NOT NULL REFERENCES tenants(id),
                  target_id TEXT NOT NULL,
                  status TEXT NOT NULL,
                  author_count INTEGER NOT NULL,
                  first_report_at DATETIME NOT NULL,
                  last_report_at DATETIME NOT NULL,
                  opened_at DATETIME NOT NULL
                );
                CREATE UNIQUE INDEX pile_ons_open_by_target ON pile_ons(tenant_id, target_id) WHERE status = 'open';
                CREATE INDEX pile_ons_by_tenant ON pile_ons(tenant_id, status, opened_at);
                CREATE TABLE pile_on_cases (
                  pile_on_id TEXT NOT NULL REFERENCES pile_ons(id),
                  case_id TEXT NOT NULL REFERENCES cases(id),
                  tenant_id TEXT NOT NULL REFERENCES tenants(id),
                  linked_at DATETIME NOT NULL,
                  PRIMARY KEY (pile_on_id, case_id)
                );
                ALTER TABLE cases ADD COLUMN pile_on_id TEXT;
                CREATE INDEX reports_by_target_author ON reports(tenant_id, target_id, received_at, subject_author_id, case_id, id)
                  WHERE target_id IS NOT NULL AND subject_author_id IS NOT NULL;
                """)
        }),
        ("v19 each notice's answering decision, for the transparency report", { db in
            // Each decision now writes itself onto the notices it answers (`NoticeAnswers`);
            // this fills the notices stored before, with the pick the report made per notice:
            // the first decision of its case at or after the notice, a complaint's aside. And
            // whether a decision was solely automated becomes a column (the report read it from
            // the JSON, 0.3 µs a decision).
            try db.execute(sql: """
                ALTER TABLE reports ADD COLUMN answered_by TEXT;
                ALTER TABLE reports ADD COLUMN answered_at DATETIME;
                ALTER TABLE reports ADD COLUMN answer_restrictive INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE reports ADD COLUMN answer_ground TEXT;
                ALTER TABLE reports ADD COLUMN answer_automated INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE reports ADD COLUMN answer_centi_hours INTEGER;
                UPDATE reports SET answered_by = (
                  SELECT f.id FROM decisions f
                  WHERE f.case_id = reports.case_id AND f.appeal_id IS NULL AND f.decided_at >= reports.received_at
                  ORDER BY f.decided_at, f.id LIMIT 1);
                UPDATE reports SET
                  answered_at = (SELECT d.decided_at FROM decisions d WHERE d.id = reports.answered_by),
                  answer_restrictive = (SELECT d.restrictive FROM decisions d WHERE d.id = reports.answered_by),
                  answer_ground = (SELECT CASE WHEN d.restrictive THEN json_extract(d.decision_json, '$.ground') END FROM decisions d WHERE d.id = reports.answered_by),
                  answer_automated = (SELECT CASE WHEN json_extract(d.decision_json, '$.automatedDecision') = 'fully' THEN 1 ELSE 0 END
                    FROM decisions d WHERE d.id = reports.answered_by)
                WHERE answered_by IS NOT NULL;
                UPDATE reports SET answer_centi_hours = \(NoticeAnswers.centiHours(.sqlite)) WHERE answer_restrictive = 1;
                ALTER TABLE decisions ADD COLUMN solely_automated INTEGER NOT NULL DEFAULT 0;
                UPDATE decisions SET solely_automated = 1 WHERE json_extract(decision_json, '$.automatedDecision') = 'fully';
                \(NoticeAnswers.coveringIndex)
                """)
        }),
        ("v20 closing a pile-on", { db in
            // A moderator closes a pile-on once the attack is dealt with (who, when, why). The
            // person's reports up to that instant no longer count towards a new one: only an
            // attack after the close opens the next (`PileOnDetection` reads the last close
            // from the partial index).
            try db.execute(sql: """
                ALTER TABLE pile_ons ADD COLUMN closed_at DATETIME;
                ALTER TABLE pile_ons ADD COLUMN closed_by TEXT;
                ALTER TABLE pile_ons ADD COLUMN closing_reason TEXT;
                CREATE INDEX pile_ons_closed_by_target ON pile_ons(tenant_id, target_id, closed_at) WHERE status = 'closed';
                """)
        }),
        ("v21 console greyscale", { db in
            // A moderator's own choice to see the console in greyscale (less vivid harmful
            // material): kept on the account, so it follows them to any screen and does not
            // stay behind for the next person on a shared one.
            try db.execute(sql: "ALTER TABLE moderators ADD COLUMN console_greyscale BOOLEAN NOT NULL DEFAULT 0")
        }),
        ("v22 fewer index writes per report", { db in
            // Every report wrote eight index entries, the report's insert was the writer's
            // costliest statement (78 µs of a report's 330 µs, measured per statement under
            // the report load). `reports_by_case` is the first column of
            // `reports_by_case_reporter`, which serves every query it served; the hand-off
            // and flagger lookups always name a value, so only the reports that have one are
            // indexed (most reports have neither).
            try db.execute(sql: """
                DROP INDEX reports_by_case;
                DROP INDEX reports_by_handoff;
                CREATE INDEX reports_by_handoff ON reports(tenant_id, handoff_code) WHERE handoff_code IS NOT NULL;
                DROP INDEX reports_by_flagger;
                CREATE INDEX reports_by_flagger ON reports(flagger_id, received_at) WHERE flagger_id IS NOT NULL;
                """)
        }),
        ("v23 the due events of each receiver", { db in
            // The webhook claim reads the due events of the tenants and flaggers that have an
            // endpoint, in order, and never the events nobody can receive (`WebhookRules`).
            try db.execute(sql: """
                CREATE INDEX outbox_webhooks_due ON outbox_events(tenant_id, next_attempt_at) WHERE status = 'pending' AND flagger_id IS NULL;
                CREATE INDEX outbox_flaggers_due ON outbox_events(flagger_id, next_attempt_at) WHERE status = 'pending' AND flagger_id IS NOT NULL;
                """)
        }),
        ("v24 each help card stored once", { db in
            // A report names its card (`SupportCardRow`) instead of holding a copy: with the
            // card in it, a report's row filled a page by itself. Reports stored before keep
            // theirs in `support_json`.
            try db.execute(sql: """
                CREATE TABLE support_cards (
                  id TEXT PRIMARY KEY,
                  json TEXT NOT NULL
                );
                ALTER TABLE reports ADD COLUMN support_card_id TEXT REFERENCES support_cards(id);
                """)
        }),
        ("v25 one index of a person's reports, no outbox index nothing reads", { db in
            // Each index on the tables a report writes is one more B-tree update in SQLite's
            // single writer. A report naming its target and an author wrote two entries about
            // the target: `reports_by_target` (tenant, target, time), read by the pile-on's
            // author count and its timeline, and `reports_by_target_author` (the same columns
            // and the author, case and id, only for reports with an author), read by the
            // pile-on window (`PileOnDetection`). One index with the wider columns over every
            // targeted report serves all three, the window from the index alone as before (its
            // `subject_author_id IS NOT NULL` is checked on the entry), the count now too; the
            // timeline sorts only the reports of one instant by rowid. `outbox_by_tenant_status`
            // is read by no statement: the status counts cannot seek on `tenant_id` (the tenant
            // is optional, `? IS NULL OR tenant_id = ?`) and walk `outbox_due` in status order,
            // which also finds the dead events; the claim reads the receivers' due indexes (v23).
            // Kept: `outbox_due` (without it the counts read every event's row, four times
            // slower over 200,000 events), `cases_queue` (the console's queue list seeks the
            // tenant's open cases by it; the tenant's every case, closed ones too, otherwise).
            // `SQLiteIndexPlanTests` checks the plans.
            try db.execute(sql: """
                DROP INDEX reports_by_target;
                DROP INDEX reports_by_target_author;
                CREATE INDEX reports_by_target_covering ON reports(tenant_id, target_id, received_at, subject_author_id, case_id, id)
                  WHERE target_id IS NOT NULL;
                DROP INDEX outbox_by_tenant_status;
                """)
        }),
    ]

    static let outbox = """
        CREATE TABLE outbox_events (
          id TEXT PRIMARY KEY,
          tenant_id TEXT NOT NULL REFERENCES tenants(id),
          type TEXT NOT NULL,
          payload TEXT NOT NULL,
          created_at DATETIME NOT NULL,
          status TEXT NOT NULL,
          attempts INTEGER NOT NULL,
          next_attempt_at DATETIME NOT NULL,
          delivered_at DATETIME,
          last_error TEXT
        );
        CREATE INDEX outbox_due ON outbox_events(status, next_attempt_at);
        """
}
