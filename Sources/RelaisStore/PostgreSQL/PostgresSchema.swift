/// The PostgreSQL schema's whole history, one linear list in the order steps were shipped:
/// the same tables and columns as SQLite's (`SQLiteSchema.history`, which states the rules
/// for the list), in PostgreSQL's types (`TIMESTAMPTZ`, `DOUBLE PRECISION`, identity
/// columns). The first four steps group what SQLite took ten steps for (their
/// names are the ones existing databases have recorded); a new step goes at the end under
/// the same name as its SQLite twin (`v11 …`, `v12 …`). A step is a list of single
/// statements (PostgresNIO sends each with the extended protocol, which takes one statement
/// at a time). Once shipped, a step never changes: new needs get a new step at the end.
enum PostgresSchema {
    typealias Step = (name: String, statements: [String])

    static let steps: [Step] = [
        // Report intake: tenants, cases, reports, idempotency keys, support event counts, the outbox.
        ("intake v1", [
            """
            CREATE TABLE tenants (
              id TEXT PRIMARY KEY,
              name TEXT NOT NULL UNIQUE,
              api_key_hash TEXT NOT NULL UNIQUE,
              key_prefix TEXT NOT NULL,
              created_at TIMESTAMPTZ NOT NULL
            )
            """,
            """
            CREATE TABLE cases (
              id TEXT PRIMARY KEY,
              tenant_id TEXT NOT NULL REFERENCES tenants(id),
              subject_key TEXT NOT NULL,
              subject_kind TEXT NOT NULL,
              subject_id TEXT NOT NULL,
              report_count INTEGER NOT NULL,
              first_report_at TIMESTAMPTZ NOT NULL,
              last_report_at TIMESTAMPTZ NOT NULL,
              status TEXT NOT NULL,
              UNIQUE (tenant_id, subject_key)
            )
            """,
            // `seq` orders reports that arrived in the same microsecond (SQLite's rowid).
            """
            CREATE TABLE reports (
              seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
              id TEXT PRIMARY KEY,
              tenant_id TEXT NOT NULL REFERENCES tenants(id),
              case_id TEXT NOT NULL REFERENCES cases(id),
              received_at TIMESTAMPTZ NOT NULL,
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
            )
            """,
            "CREATE INDEX reports_by_case ON reports (case_id, received_at, seq)",
            "CREATE INDEX reports_by_tenant ON reports (tenant_id, received_at)",
            """
            CREATE TABLE idempotency_keys (
              tenant_id TEXT NOT NULL REFERENCES tenants(id),
              key TEXT NOT NULL,
              request_hash TEXT NOT NULL,
              report_id TEXT NOT NULL,
              response_json TEXT NOT NULL,
              created_at TIMESTAMPTZ NOT NULL,
              PRIMARY KEY (tenant_id, key)
            )
            """,
            """
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
            )
            """,
            """
            CREATE TABLE outbox_events (
              id TEXT PRIMARY KEY,
              tenant_id TEXT NOT NULL REFERENCES tenants(id),
              type TEXT NOT NULL,
              payload TEXT NOT NULL,
              created_at TIMESTAMPTZ NOT NULL,
              status TEXT NOT NULL,
              attempts INTEGER NOT NULL,
              next_attempt_at TIMESTAMPTZ NOT NULL,
              delivered_at TIMESTAMPTZ,
              last_error TEXT
            )
            """,
            "CREATE INDEX outbox_due ON outbox_events (status, next_attempt_at)",
        ]),
        // Moderation: queue facts on cases, moderators, leases, decisions, statements of reasons, the audit log.
        ("moderation v1", [
            "ALTER TABLE reports ADD COLUMN reporter_trusted_flagger TEXT",
            """
            CREATE TABLE moderators (
              id TEXT PRIMARY KEY,
              tenant_id TEXT NOT NULL REFERENCES tenants(id),
              name TEXT NOT NULL UNIQUE,
              role TEXT NOT NULL CHECK (role IN ('admin', 'moderator', 'compliance')),
              token_hash TEXT UNIQUE,
              token_prefix TEXT,
              password_hash TEXT,
              created_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX moderators_by_tenant ON moderators (tenant_id)",
            """
            ALTER TABLE cases
              ADD COLUMN severity INTEGER NOT NULL DEFAULT 0,
              ADD COLUMN involves_minor BOOLEAN NOT NULL DEFAULT false,
              ADD COLUMN has_threat BOOLEAN NOT NULL DEFAULT false,
              ADD COLUMN trusted_flagger BOOLEAN NOT NULL DEFAULT false,
              ADD COLUMN distinct_reporters INTEGER NOT NULL DEFAULT 0,
              ADD COLUMN base_priority DOUBLE PRECISION NOT NULL DEFAULT 0,
              ADD COLUMN target_seconds DOUBLE PRECISION NOT NULL DEFAULT 86400,
              ADD COLUMN due_at TIMESTAMPTZ,
              ADD COLUMN author_id TEXT,
              ADD COLUMN lease_owner TEXT REFERENCES moderators(id),
              ADD COLUMN lease_expires_at TIMESTAMPTZ,
              ADD COLUMN decided_at TIMESTAMPTZ
            """,
            "CREATE INDEX cases_queue ON cases (tenant_id, status, base_priority DESC, due_at)",
            "CREATE INDEX reports_by_case_reporter ON reports (case_id, reporter_id)",
            """
            CREATE TABLE decisions (
              id TEXT PRIMARY KEY,
              tenant_id TEXT NOT NULL REFERENCES tenants(id),
              case_id TEXT NOT NULL REFERENCES cases(id),
              moderator_id TEXT NOT NULL REFERENCES moderators(id),
              decision_json TEXT NOT NULL,
              restrictive BOOLEAN NOT NULL,
              author_id TEXT,
              decided_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX decisions_by_case ON decisions (case_id, decided_at)",
            "CREATE INDEX decisions_by_author ON decisions (tenant_id, author_id, decided_at)",
            """
            CREATE TABLE statements_of_reasons (
              puid TEXT PRIMARY KEY,
              tenant_id TEXT NOT NULL REFERENCES tenants(id),
              case_id TEXT NOT NULL REFERENCES cases(id),
              decision_id TEXT NOT NULL UNIQUE REFERENCES decisions(id),
              statement_json TEXT NOT NULL,
              created_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX statements_by_case ON statements_of_reasons (case_id, created_at)",
            """
            CREATE TABLE audit_log (
              seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              tenant_id TEXT NOT NULL REFERENCES tenants(id),
              actor TEXT NOT NULL,
              at TIMESTAMPTZ NOT NULL,
              action TEXT NOT NULL,
              case_id TEXT,
              before_json TEXT,
              after_json TEXT
            )
            """,
            "CREATE INDEX audit_by_case ON audit_log (case_id, seq)",
            "CREATE INDEX audit_by_tenant ON audit_log (tenant_id, seq)",
            // Neither the console nor a bug can rewrite history: UPDATE, DELETE and TRUNCATE
            // are refused by triggers.
            """
            CREATE FUNCTION relais_audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'audit_log is append-only'; END
            $$
            """,
            """
            CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
            FOR EACH ROW EXECUTE FUNCTION relais_audit_log_is_append_only()
            """,
            """
            CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
            FOR EACH STATEMENT EXECUTE FUNCTION relais_audit_log_is_append_only()
            """,
            "CREATE TABLE relais_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        ]),
        // Webhooks: endpoints and secrets per tenant, delivery claims.
        ("webhooks v1", [
            """
            CREATE TABLE webhook_endpoints (
              tenant_id TEXT PRIMARY KEY REFERENCES tenants(id),
              url TEXT NOT NULL,
              secret TEXT NOT NULL,
              updated_at TIMESTAMPTZ NOT NULL
            )
            """,
            "ALTER TABLE outbox_events ADD COLUMN claimed_by TEXT, ADD COLUMN claimed_until TIMESTAMPTZ",
            "CREATE INDEX outbox_by_tenant_status ON outbox_events (tenant_id, status)",
        ]),
        // The moderator console: sessions and the sign-in lock-out.
        ("console v1", [
            """
            CREATE TABLE console_sessions (
              id_hash TEXT PRIMARY KEY,
              moderator_id TEXT NOT NULL REFERENCES moderators(id),
              csrf_token TEXT NOT NULL,
              created_at TIMESTAMPTZ NOT NULL,
              expires_at TIMESTAMPTZ NOT NULL,
              ended_at TIMESTAMPTZ
            )
            """,
            "CREATE INDEX console_sessions_by_moderator ON console_sessions (moderator_id)",
            "ALTER TABLE moderators ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0, ADD COLUMN locked_until TIMESTAMPTZ",
        ]),
        // Appeals (DSA Art. 20), how decisions were told, and what replaced them.
        ("v11 appeals, decision notices and replacements", [
            """
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
              received_at TIMESTAMPTZ NOT NULL,
              due_at TIMESTAMPTZ NOT NULL,
              lease_owner TEXT REFERENCES moderators(id),
              lease_expires_at TIMESTAMPTZ,
              outcome TEXT,
              reason TEXT,
              text_for_appellant TEXT,
              internal_note TEXT,
              decided_by TEXT REFERENCES moderators(id),
              decided_at TIMESTAMPTZ,
              new_decision_id TEXT REFERENCES decisions(id),
              restrictions_imposed BOOLEAN NOT NULL DEFAULT false,
              idempotency_key TEXT,
              request_hash TEXT NOT NULL,
              UNIQUE (tenant_id, idempotency_key)
            )
            """,
            "CREATE INDEX appeals_queue ON appeals (tenant_id, status, due_at)",
            "CREATE INDEX appeals_by_tenant ON appeals (tenant_id, received_at)",
            "CREATE UNIQUE INDEX appeals_one_open ON appeals (decision_id, party, appellant_id) WHERE status = 'open'",
            """
            CREATE TABLE decision_notifications (
              decision_id TEXT NOT NULL REFERENCES decisions(id),
              party TEXT NOT NULL,
              user_id TEXT NOT NULL,
              informed_at TIMESTAMPTZ NOT NULL,
              recorded_at TIMESTAMPTZ NOT NULL,
              PRIMARY KEY (decision_id, party, user_id)
            )
            """,
            """
            ALTER TABLE decisions ADD COLUMN notice_event_id TEXT, ADD COLUMN replaces_decision_id TEXT REFERENCES decisions(id),
              ADD COLUMN superseded_by TEXT REFERENCES decisions(id), ADD COLUMN appeal_id TEXT
            """,
        ]),
        // Trusted flaggers, hand-off references, reporter standing (see SQLite's twin).
        ("v12 trusted flaggers, hand-off references and reporter standing", [
            """
            CREATE TABLE flaggers (
              id TEXT PRIMARY KEY,
              name TEXT NOT NULL UNIQUE,
              designated_by TEXT NOT NULL,
              expertise TEXT NOT NULL,
              target_hours DOUBLE PRECISION NOT NULL,
              token_hash TEXT UNIQUE,
              token_prefix TEXT,
              created_at TIMESTAMPTZ NOT NULL
            )
            """,
            """
            CREATE TABLE flagger_tenants (
              flagger_id TEXT NOT NULL REFERENCES flaggers(id),
              tenant_id TEXT NOT NULL REFERENCES tenants(id),
              accepted_at TIMESTAMPTZ NOT NULL,
              PRIMARY KEY (flagger_id, tenant_id)
            )
            """,
            """
            CREATE TABLE flagger_endpoints (
              flagger_id TEXT PRIMARY KEY REFERENCES flaggers(id),
              url TEXT NOT NULL,
              secret TEXT NOT NULL,
              updated_at TIMESTAMPTZ NOT NULL
            )
            """,
            """
            ALTER TABLE reports ADD COLUMN flagger_id TEXT REFERENCES flaggers(id), ADD COLUMN handoff_code TEXT,
              ADD COLUMN handoff_consent TEXT, ADD COLUMN handoff_consent_at TIMESTAMPTZ, ADD COLUMN linked_report_id TEXT,
              ADD COLUMN low_weight_reason TEXT, ADD COLUMN reporter_was_new BOOLEAN NOT NULL DEFAULT false
            """,
            "CREATE INDEX reports_by_handoff ON reports (tenant_id, handoff_code)",
            "CREATE INDEX reports_by_flagger ON reports (flagger_id, received_at)",
            """
            CREATE TABLE reporter_standing (
              tenant_id TEXT NOT NULL REFERENCES tenants(id),
              reporter_id TEXT NOT NULL,
              first_seen_at TIMESTAMPTZ NOT NULL,
              unfounded INTEGER NOT NULL DEFAULT 0,
              warned_at TIMESTAMPTZ,
              deprioritized_until TIMESTAMPTZ,
              PRIMARY KEY (tenant_id, reporter_id)
            )
            """,
            "ALTER TABLE cases ADD COLUMN new_reporters INTEGER NOT NULL DEFAULT 0, ADD COLUMN low_weight_reports INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE outbox_events ADD COLUMN flagger_id TEXT",
        ]),
        // Statements of reasons waiting for, sent to or refused by the Transparency Database.
        ("v13 DSA submissions to the Transparency Database", [
            """
            CREATE TABLE tdb_submissions (
              puid TEXT PRIMARY KEY REFERENCES statements_of_reasons(puid),
              tenant_id TEXT NOT NULL REFERENCES tenants(id),
              case_id TEXT NOT NULL REFERENCES cases(id),
              status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'rejected')),
              attempts INTEGER NOT NULL DEFAULT 0,
              next_attempt_at TIMESTAMPTZ NOT NULL,
              claimed_by TEXT,
              claimed_until TIMESTAMPTZ,
              last_error TEXT,
              uuid TEXT,
              permalink TEXT,
              reasons TEXT,
              sent_at TIMESTAMPTZ,
              created_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX tdb_submissions_due ON tdb_submissions (tenant_id, status, next_attempt_at)",
            "CREATE INDEX tdb_submissions_by_case ON tdb_submissions (case_id)",
            """
            INSERT INTO tdb_submissions (puid, tenant_id, case_id, status, next_attempt_at, created_at)
              SELECT puid, tenant_id, case_id, 'queued', created_at, created_at FROM statements_of_reasons
            """,
        ]),
        ("v14 reports name the person targeted", [
            "ALTER TABLE reports ADD COLUMN target_id TEXT",
            "CREATE INDEX reports_by_target ON reports (tenant_id, target_id, received_at) WHERE target_id IS NOT NULL",
        ]),
        // The team's private notes on a case, and its escalation to the senior role.
        ("v15 case notes, escalation and disabled users", [
            """
            CREATE TABLE case_tags (
              case_id TEXT NOT NULL REFERENCES cases(id),
              tenant_id TEXT NOT NULL REFERENCES tenants(id),
              tag TEXT NOT NULL,
              added_by TEXT NOT NULL,
              added_at TIMESTAMPTZ NOT NULL,
              PRIMARY KEY (case_id, tag)
            )
            """,
            """
            CREATE TABLE case_comments (
              id TEXT PRIMARY KEY,
              case_id TEXT NOT NULL REFERENCES cases(id),
              tenant_id TEXT NOT NULL REFERENCES tenants(id),
              author TEXT NOT NULL,
              body TEXT NOT NULL,
              created_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX case_comments_by_case ON case_comments (case_id, created_at)",
            "ALTER TABLE cases ADD COLUMN escalated_at TIMESTAMPTZ, ADD COLUMN escalation_reason TEXT, ADD COLUMN escalated_by TEXT REFERENCES moderators(id)",
            "ALTER TABLE moderators ADD COLUMN disabled_at TIMESTAMPTZ",
        ]),
        // The transparency report counts a tenant's restrictive decisions of a period (part 8).
        ("v16 decisions by tenant and time, for the transparency report", [
            "CREATE INDEX decisions_by_tenant ON decisions (tenant_id, decided_at)",
        ]),
        // Free cases by (target time, time-independent priority), then the claim's tie-breaks:
        // each group's first entry is its most urgent case (`QueuePick`); escalated ones apart,
        // for seniors; leased ones by expiry.
        ("v17 the claim picks from the heads of the queue's groups", [
            """
            CREATE INDEX cases_free ON cases (tenant_id, target_seconds, base_priority, due_at, first_report_at, id)
              WHERE status = 'open' AND due_at IS NOT NULL AND lease_expires_at IS NULL AND escalated_at IS NULL
            """,
            """
            CREATE INDEX cases_free_escalated ON cases (tenant_id, target_seconds, base_priority, due_at, first_report_at, id)
              WHERE status = 'open' AND due_at IS NOT NULL AND lease_expires_at IS NULL AND escalated_at IS NOT NULL
            """,
            """
            CREATE INDEX cases_leased ON cases (tenant_id, lease_expires_at)
              WHERE status = 'open' AND due_at IS NOT NULL AND lease_expires_at IS NOT NULL
            """,
        ]),
        // Many authors against one person: one open pile-on per target, linking the cases.
        ("v18 pile-ons on the person targeted", [
            """
            CREATE TABLE pile_ons (
              id TEXT PRIMARY KEY,
              tenant_id TEXT NOT NULL REFERENCES tenants(id),
              target_id TEXT NOT NULL,
              status TEXT NOT NULL,
              author_count INTEGER NOT NULL,
              first_report_at TIMESTAMPTZ NOT NULL,
              last_report_at TIMESTAMPTZ NOT NULL,
              opened_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX pile_ons_open_by_target ON pile_ons (tenant_id, target_id) WHERE status = 'open'",
            "CREATE INDEX pile_ons_by_tenant ON pile_ons (tenant_id, status, opened_at)",
            """
            CREATE TABLE pile_on_cases (
              pile_on_id TEXT NOT NULL REFERENCES pile_ons(id),
              case_id TEXT NOT NULL REFERENCES cases(id),
              tenant_id TEXT NOT NULL REFERENCES tenants(id),
              linked_at TIMESTAMPTZ NOT NULL,
              PRIMARY KEY (pile_on_id, case_id)
            )
            """,
            "ALTER TABLE cases ADD COLUMN pile_on_id TEXT",
            """
            CREATE INDEX reports_by_target_author ON reports (tenant_id, target_id, received_at, subject_author_id, case_id, id)
              WHERE target_id IS NOT NULL AND subject_author_id IS NOT NULL
            """,
        ]),
        // The twin of SQLite's v19: each notice's answering decision written onto it, and whether a
        // decision was solely automated as a column (the report counted it from the JSON).
        ("v19 each notice's answering decision, for the transparency report", [
            """
            ALTER TABLE reports ADD COLUMN answered_by TEXT, ADD COLUMN answered_at TIMESTAMPTZ,
              ADD COLUMN answer_restrictive BOOLEAN NOT NULL DEFAULT FALSE, ADD COLUMN answer_ground TEXT,
              ADD COLUMN answer_automated BOOLEAN NOT NULL DEFAULT FALSE, ADD COLUMN answer_centi_hours INTEGER
            """,
            """
            UPDATE reports SET answered_by = (
              SELECT f.id FROM decisions f
              WHERE f.case_id = reports.case_id AND f.appeal_id IS NULL AND f.decided_at >= reports.received_at
              ORDER BY f.decided_at, f.id LIMIT 1)
            """,
            """
            UPDATE reports r SET answered_at = d.decided_at, answer_restrictive = d.restrictive,
              answer_ground = CASE WHEN d.restrictive THEN d.decision_json::jsonb ->> 'ground' END,
              answer_automated = (d.decision_json::jsonb ->> 'automatedDecision') IS NOT DISTINCT FROM 'fully'
            FROM decisions d WHERE d.id = r.answered_by
            """,
            "UPDATE reports SET answer_centi_hours = \(NoticeAnswers.centiHours(.postgres)) WHERE answer_restrictive",
            "ALTER TABLE decisions ADD COLUMN solely_automated BOOLEAN NOT NULL DEFAULT FALSE",
            "UPDATE decisions SET solely_automated = TRUE WHERE (decision_json::jsonb ->> 'automatedDecision') = 'fully'",
        ] + NoticeAnswers.coveringIndex.split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }),
        // The twin of SQLite's v20: a pile-on closed by a moderator, and since when.
        ("v20 closing a pile-on", [
            "ALTER TABLE pile_ons ADD COLUMN closed_at TIMESTAMPTZ, ADD COLUMN closed_by TEXT, ADD COLUMN closing_reason TEXT",
            "CREATE INDEX pile_ons_closed_by_target ON pile_ons (tenant_id, target_id, closed_at) WHERE status = 'closed'",
        ]),
        // The twin of SQLite's v21: the moderator's greyscale choice, on the account.
        ("v21 console greyscale", ["ALTER TABLE moderators ADD COLUMN console_greyscale BOOLEAN NOT NULL DEFAULT false"]),
        // The twin of SQLite's v22: the hand-off and flagger lookups always name a value, so
        // only the reports that have one are indexed. (`reports_by_case` stays here: it is
        // (case_id, received_at, seq), the order a case's reports are read in.)
        ("v22 fewer index writes per report", [
            "DROP INDEX reports_by_handoff",
            "CREATE INDEX reports_by_handoff ON reports (tenant_id, handoff_code) WHERE handoff_code IS NOT NULL",
            "DROP INDEX reports_by_flagger",
            "CREATE INDEX reports_by_flagger ON reports (flagger_id, received_at) WHERE flagger_id IS NOT NULL",
        ]),
        // The twin of SQLite's v23: the due events of the tenants and flaggers with an endpoint.
        ("v23 the due events of each receiver", [
            "CREATE INDEX outbox_webhooks_due ON outbox_events (tenant_id, next_attempt_at) WHERE status = 'pending' AND flagger_id IS NULL",
            "CREATE INDEX outbox_flaggers_due ON outbox_events (flagger_id, next_attempt_at) WHERE status = 'pending' AND flagger_id IS NOT NULL",
        ]),
        // A report names its card (`SupportCardRow`) instead of holding a copy; reports stored
        // before keep theirs in `support_json`.
        ("v24 each help card stored once", [
            "CREATE TABLE support_cards (id TEXT PRIMARY KEY, json TEXT NOT NULL)",
            "ALTER TABLE reports ADD COLUMN support_card_id TEXT REFERENCES support_cards(id)",
        ]),
        // The twin of SQLite's v25: one index of a person's reports, with the pile-on window's
        // columns, for every targeted report (the window reads it alone, the author count and
        // the timeline seek it). (`outbox_by_tenant_status` stays here: PostgreSQL plans a
        // statement with its values, also a prepared one while its generic plan, which cannot
        // seek for an optional tenant, costs more, so with a tenant named the webhook status
        // counts, the dead events and the replay seek (tenant_id, status); SQLite cannot, and
        // never reads it.)
        ("v25 one index of a person's reports, no outbox index nothing reads", [
            "DROP INDEX reports_by_target",
            "DROP INDEX reports_by_target_author",
            """
            CREATE INDEX reports_by_target_covering ON reports (tenant_id, target_id, received_at, subject_author_id, case_id, id)
              WHERE target_id IS NOT NULL
            """,
        ]),
    ]
}
