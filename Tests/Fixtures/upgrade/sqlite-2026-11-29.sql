PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
INSERT INTO grdb_migrations VALUES('v1 tenants, reports, cases, idempotency, support events');
INSERT INTO grdb_migrations VALUES('v2 outbox');
INSERT INTO grdb_migrations VALUES('v3 trusted flaggers on reports');
INSERT INTO grdb_migrations VALUES('v4 moderators');
INSERT INTO grdb_migrations VALUES('v5 queue facts and leases on cases');
INSERT INTO grdb_migrations VALUES('v6 decisions and statements of reasons');
INSERT INTO grdb_migrations VALUES('v7 append-only audit log');
INSERT INTO grdb_migrations VALUES('v8 settings the stored priorities were computed with');
INSERT INTO grdb_migrations VALUES('webhooks v1 endpoints and delivery claims');
INSERT INTO grdb_migrations VALUES('console v1 sessions and sign-in lock-out');
CREATE TABLE tenants (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  api_key_hash TEXT NOT NULL UNIQUE,
  key_prefix TEXT NOT NULL,
  created_at DATETIME NOT NULL
);
INSERT INTO tenants VALUES('4b1869a3-0607-448c-9eaa-09d703b5ce88','demo','348a248b4e608e016b1f7457b24b7fd4c0d9a6ed742fd84d850aa08507c9470d','rls_e3223c30','2026-12-02 00:03:32.757');
CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  subject_key TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  report_count INTEGER NOT NULL,
  first_report_at DATETIME NOT NULL,
  last_report_at DATETIME NOT NULL,
  status TEXT NOT NULL, severity INTEGER NOT NULL DEFAULT 0, involves_minor BOOLEAN NOT NULL DEFAULT 0, has_threat BOOLEAN NOT NULL DEFAULT 0, trusted_flagger BOOLEAN NOT NULL DEFAULT 0, distinct_reporters INTEGER NOT NULL DEFAULT 0, base_priority REAL NOT NULL DEFAULT 0, target_seconds REAL NOT NULL DEFAULT 86400, due_at DATETIME, author_id TEXT, lease_owner TEXT REFERENCES moderators(id), lease_expires_at DATETIME, decided_at DATETIME,
  UNIQUE (tenant_id, subject_key)
);
INSERT INTO cases VALUES('5d4f3cb2-998a-4f9c-8156-8b7f517b13b6','4b1869a3-0607-448c-9eaa-09d703b5ce88','comment:c-1','comment','c-1',3,'2026-12-02 00:03:33.214','2026-12-02 00:03:33.255','decided',3,1,0,0,3,92.9248125036057786,14400.0,'2026-12-02 04:03:33.214','u-9',NULL,NULL,'2026-12-02 00:03:33.561');
INSERT INTO cases VALUES('4b8c9270-b622-4629-8fab-003c45defbfc','4b1869a3-0607-448c-9eaa-09d703b5ce88','account:a-2','account','a-2',1,'2026-12-02 00:03:33.278','2026-12-02 00:03:33.278','open',0,0,0,0,1,0.0,86400.0,'2026-12-03 00:03:33.278',NULL,NULL,NULL,NULL);
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
, reporter_trusted_flagger TEXT);
INSERT INTO reports VALUES('1bd2165c-29ec-423b-9ace-5171931d6471','4b1869a3-0607-448c-9eaa-09d703b5ce88','5d4f3cb2-998a-4f9c-8156-8b7f517b13b6','2026-12-02 00:03:33.214','decided','app','harassment','u-1','FR','fr-FR','13-17',1,'comment','c-1',NULL,'u-9','fixture text',NULL,NULL,NULL,1,'{"directoryVersion":"2026-11-29.2","helplines":[{"actions":[{"kind":"call","label":"Appeler le 119","uri":"tel:119"},{"kind":"chat","label":"Discuter en ligne","uri":"https://www.allo119.gouv.fr"}],"confidential":true,"emergency":false,"free":true,"hoursToday":"24 h/24, 7 j/7","id":"fr-119","name":"119 – Allô Enfance en danger","open":true,"organisation":"Service national d’accueil téléphonique de l’enfance en danger (SNATED)"},{"actions":[{"kind":"call","label":"Appeler le 3018","uri":"tel:3018"},{"kind":"chat","label":"Discuter en ligne","uri":"https://www.3018.fr"},{"kind":"link","label":"Site : 3018.fr","uri":"https://www.3018.fr"}],"anonymous":true,"confidential":true,"emergency":false,"free":true,"hoursToday":"09:00–23:00","id":"fr-3018","name":"3018 – numéro national contre le harcèlement et les violences numériques","open":false,"opensAt":"2026-12-02T09:00:00+01:00","organisation":"Association e-Enfance"},{"actions":[{"kind":"call","label":"Appeler le 112","uri":"tel:112"}],"emergency":true,"free":true,"hoursToday":"24 h/24, 7 j/7","id":"fr-112","name":"112 – Numéro d’urgence européen","open":true,"organisation":"Services d’urgence"}],"locale":"fr","message":"3018 est fermé pour le moment et rouvre à 09:00. Parlez-en à quelqu’un qui peut vous aider.","presentation":"both","title":"Vous n’êtes pas seul·e"}',NULL);
INSERT INTO reports VALUES('0c36d371-6abf-4c1f-87ec-fa40973cca81','4b1869a3-0607-448c-9eaa-09d703b5ce88','5d4f3cb2-998a-4f9c-8156-8b7f517b13b6','2026-12-02 00:03:33.233','decided','app','harassment','u-2','FR','fr-FR','13-17',1,'comment','c-1',NULL,'u-9','fixture text',NULL,NULL,NULL,1,'{"directoryVersion":"2026-11-29.2","helplines":[{"actions":[{"kind":"call","label":"Appeler le 119","uri":"tel:119"},{"kind":"chat","label":"Discuter en ligne","uri":"https://www.allo119.gouv.fr"}],"confidential":true,"emergency":false,"free":true,"hoursToday":"24 h/24, 7 j/7","id":"fr-119","name":"119 – Allô Enfance en danger","open":true,"organisation":"Service national d’accueil téléphonique de l’enfance en danger (SNATED)"},{"actions":[{"kind":"call","label":"Appeler le 3018","uri":"tel:3018"},{"kind":"chat","label":"Discuter en ligne","uri":"https://www.3018.fr"},{"kind":"link","label":"Site : 3018.fr","uri":"https://www.3018.fr"}],"anonymous":true,"confidential":true,"emergency":false,"free":true,"hoursToday":"09:00–23:00","id":"fr-3018","name":"3018 – numéro national contre le harcèlement et les violences numériques","open":false,"opensAt":"2026-12-02T09:00:00+01:00","organisation":"Association e-Enfance"},{"actions":[{"kind":"call","label":"Appeler le 112","uri":"tel:112"}],"emergency":true,"free":true,"hoursToday":"24 h/24, 7 j/7","id":"fr-112","name":"112 – Numéro d’urgence européen","open":true,"organisation":"Services d’urgence"}],"locale":"fr","message":"3018 est fermé pour le moment et rouvre à 09:00. Parlez-en à quelqu’un qui peut vous aider.","presentation":"both","title":"Vous n’êtes pas seul·e"}',NULL);
INSERT INTO reports VALUES('27caedd7-0ec4-420e-9e75-9dad50b4eb65','4b1869a3-0607-448c-9eaa-09d703b5ce88','5d4f3cb2-998a-4f9c-8156-8b7f517b13b6','2026-12-02 00:03:33.255','decided','app','harassment','u-3','FR','fr-FR','13-17',1,'comment','c-1',NULL,'u-9','fixture text',NULL,NULL,NULL,1,'{"directoryVersion":"2026-11-29.2","helplines":[{"actions":[{"kind":"call","label":"Appeler le 119","uri":"tel:119"},{"kind":"chat","label":"Discuter en ligne","uri":"https://www.allo119.gouv.fr"}],"confidential":true,"emergency":false,"free":true,"hoursToday":"24 h/24, 7 j/7","id":"fr-119","name":"119 – Allô Enfance en danger","open":true,"organisation":"Service national d’accueil téléphonique de l’enfance en danger (SNATED)"},{"actions":[{"kind":"call","label":"Appeler le 3018","uri":"tel:3018"},{"kind":"chat","label":"Discuter en ligne","uri":"https://www.3018.fr"},{"kind":"link","label":"Site : 3018.fr","uri":"https://www.3018.fr"}],"anonymous":true,"confidential":true,"emergency":false,"free":true,"hoursToday":"09:00–23:00","id":"fr-3018","name":"3018 – numéro national contre le harcèlement et les violences numériques","open":false,"opensAt":"2026-12-02T09:00:00+01:00","organisation":"Association e-Enfance"},{"actions":[{"kind":"call","label":"Appeler le 112","uri":"tel:112"}],"emergency":true,"free":true,"hoursToday":"24 h/24, 7 j/7","id":"fr-112","name":"112 – Numéro d’urgence européen","open":true,"organisation":"Services d’urgence"}],"locale":"fr","message":"3018 est fermé pour le moment et rouvre à 09:00. Parlez-en à quelqu’un qui peut vous aider.","presentation":"both","title":"Vous n’êtes pas seul·e"}',NULL);
INSERT INTO reports VALUES('96a3de27-c752-4580-91bb-a49aa150f1be','4b1869a3-0607-448c-9eaa-09d703b5ce88','4b8c9270-b622-4629-8fab-003c45defbfc','2026-12-02 00:03:33.278','received','app','spam','u-4','DE','de-DE','18+',0,'account','a-2',NULL,NULL,NULL,NULL,NULL,NULL,1,NULL,NULL);
CREATE TABLE idempotency_keys (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  report_id TEXT NOT NULL,
  response_json TEXT NOT NULL,
  created_at DATETIME NOT NULL,
  PRIMARY KEY (tenant_id, key)
);
INSERT INTO idempotency_keys VALUES('4b1869a3-0607-448c-9eaa-09d703b5ce88','fixture-1','a764afb32fa8723834e2bbe3fe3b354ffbde2556faa73bb1b4670251ce625192','1bd2165c-29ec-423b-9ace-5171931d6471','{"caseId":"5d4f3cb2-998a-4f9c-8156-8b7f517b13b6","id":"1bd2165c-29ec-423b-9ace-5171931d6471","receivedAt":"2026-12-02T00:03:33.214Z","status":"received","support":{"directoryVersion":"2026-11-29.2","helplines":[{"actions":[{"kind":"call","label":"Appeler le 119","uri":"tel:119"},{"kind":"chat","label":"Discuter en ligne","uri":"https://www.allo119.gouv.fr"}],"confidential":true,"emergency":false,"free":true,"hoursToday":"24 h/24, 7 j/7","id":"fr-119","name":"119 – Allô Enfance en danger","open":true,"organisation":"Service national d’accueil téléphonique de l’enfance en danger (SNATED)"},{"actions":[{"kind":"call","label":"Appeler le 3018","uri":"tel:3018"},{"kind":"chat","label":"Discuter en ligne","uri":"https://www.3018.fr"},{"kind":"link","label":"Site : 3018.fr","uri":"https://www.3018.fr"}],"anonymous":true,"confidential":true,"emergency":false,"free":true,"hoursToday":"09:00–23:00","id":"fr-3018","name":"3018 – numéro national contre le harcèlement et les violences numériques","open":false,"opensAt":"2026-12-02T09:00:00+01:00","organisation":"Association e-Enfance"},{"actions":[{"kind":"call","label":"Appeler le 112","uri":"tel:112"}],"emergency":true,"free":true,"hoursToday":"24 h/24, 7 j/7","id":"fr-112","name":"112 – Numéro d’urgence européen","open":true,"organisation":"Services d’urgence"}],"locale":"fr","message":"3018 est fermé pour le moment et rouvre à 09:00. Parlez-en à quelqu’un qui peut vous aider.","presentation":"both","title":"Vous n’êtes pas seul·e"}}','2026-12-02 00:03:33.214');
INSERT INTO idempotency_keys VALUES('4b1869a3-0607-448c-9eaa-09d703b5ce88','fixture-2','e151546b4c9632539f96b7353aa1b1eda6f8461a64d00f688d6b2d035ce56ef2','0c36d371-6abf-4c1f-87ec-fa40973cca81','{"caseId":"5d4f3cb2-998a-4f9c-8156-8b7f517b13b6","id":"0c36d371-6abf-4c1f-87ec-fa40973cca81","receivedAt":"2026-12-02T00:03:33.233Z","status":"received","support":{"directoryVersion":"2026-11-29.2","helplines":[{"actions":[{"kind":"call","label":"Appeler le 119","uri":"tel:119"},{"kind":"chat","label":"Discuter en ligne","uri":"https://www.allo119.gouv.fr"}],"confidential":true,"emergency":false,"free":true,"hoursToday":"24 h/24, 7 j/7","id":"fr-119","name":"119 – Allô Enfance en danger","open":true,"organisation":"Service national d’accueil téléphonique de l’enfance en danger (SNATED)"},{"actions":[{"kind":"call","label":"Appeler le 3018","uri":"tel:3018"},{"kind":"chat","label":"Discuter en ligne","uri":"https://www.3018.fr"},{"kind":"link","label":"Site : 3018.fr","uri":"https://www.3018.fr"}],"anonymous":true,"confidential":true,"emergency":false,"free":true,"hoursToday":"09:00–23:00","id":"fr-3018","name":"3018 – numéro national contre le harcèlement et les violences numériques","open":false,"opensAt":"2026-12-02T09:00:00+01:00","organisation":"Association e-Enfance"},{"actions":[{"kind":"call","label":"Appeler le 112","uri":"tel:112"}],"emergency":true,"free":true,"hoursToday":"24 h/24, 7 j/7","id":"fr-112","name":"112 – Numéro d’urgence européen","open":true,"organisation":"Services d’urgence"}],"locale":"fr","message":"3018 est fermé pour le moment et rouvre à 09:00. Parlez-en à quelqu’un qui peut vous aider.","presentation":"both","title":"Vous n’êtes pas seul·e"}}','2026-12-02 00:03:33.233');
INSERT INTO idempotency_keys VALUES('4b1869a3-0607-448c-9eaa-09d703b5ce88','fixture-3','faf312900355dd0cd34af5ced04ebe773491b5f2597636e8452e6b183749c14c','27caedd7-0ec4-420e-9e75-9dad50b4eb65','{"caseId":"5d4f3cb2-998a-4f9c-8156-8b7f517b13b6","id":"27caedd7-0ec4-420e-9e75-9dad50b4eb65","receivedAt":"2026-12-02T00:03:33.254Z","status":"received","support":{"directoryVersion":"2026-11-29.2","helplines":[{"actions":[{"kind":"call","label":"Appeler le 119","uri":"tel:119"},{"kind":"chat","label":"Discuter en ligne","uri":"https://www.allo119.gouv.fr"}],"confidential":true,"emergency":false,"free":true,"hoursToday":"24 h/24, 7 j/7","id":"fr-119","name":"119 – Allô Enfance en danger","open":true,"organisation":"Service national d’accueil téléphonique de l’enfance en danger (SNATED)"},{"actions":[{"kind":"call","label":"Appeler le 3018","uri":"tel:3018"},{"kind":"chat","label":"Discuter en ligne","uri":"https://www.3018.fr"},{"kind":"link","label":"Site : 3018.fr","uri":"https://www.3018.fr"}],"anonymous":true,"confidential":true,"emergency":false,"free":true,"hoursToday":"09:00–23:00","id":"fr-3018","name":"3018 – numéro national contre le harcèlement et les violences numériques","open":false,"opensAt":"2026-12-02T09:00:00+01:00","organisation":"Association e-Enfance"},{"actions":[{"kind":"call","label":"Appeler le 112","uri":"tel:112"}],"emergency":true,"free":true,"hoursToday":"24 h/24, 7 j/7","id":"fr-112","name":"112 – Numéro d’urgence européen","open":true,"organisation":"Services d’urgence"}],"locale":"fr","message":"3018 est fermé pour le moment et rouvre à 09:00. Parlez-en à quelqu’un qui peut vous aider.","presentation":"both","title":"Vous n’êtes pas seul·e"}}','2026-12-02 00:03:33.255');
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
, claimed_by TEXT, claimed_until DATETIME);
INSERT INTO outbox_events VALUES('316fd602-3ea9-48d8-a3fe-d9d5737b125b','4b1869a3-0607-448c-9eaa-09d703b5ce88','report.received','{"caseId":"5d4f3cb2-998a-4f9c-8156-8b7f517b13b6","category":"harassment","event":"report.received","receivedAt":"2026-12-02T00:03:33.214Z","reportId":"1bd2165c-29ec-423b-9ace-5171931d6471","surface":"app"}','2026-12-02 00:03:33.214','pending',0,'2026-12-02 00:03:33.214',NULL,NULL,NULL,NULL);
INSERT INTO outbox_events VALUES('7a8ccbc8-2547-4c5f-a605-19c357546b19','4b1869a3-0607-448c-9eaa-09d703b5ce88','report.received','{"caseId":"5d4f3cb2-998a-4f9c-8156-8b7f517b13b6","category":"harassment","event":"report.received","receivedAt":"2026-12-02T00:03:33.233Z","reportId":"0c36d371-6abf-4c1f-87ec-fa40973cca81","surface":"app"}','2026-12-02 00:03:33.233','pending',0,'2026-12-02 00:03:33.233',NULL,NULL,NULL,NULL);
INSERT INTO outbox_events VALUES('8a73e20b-06a5-40cf-a0a5-2e980463d4b0','4b1869a3-0607-448c-9eaa-09d703b5ce88','report.received','{"caseId":"5d4f3cb2-998a-4f9c-8156-8b7f517b13b6","category":"harassment","event":"report.received","receivedAt":"2026-12-02T00:03:33.254Z","reportId":"27caedd7-0ec4-420e-9e75-9dad50b4eb65","surface":"app"}','2026-12-02 00:03:33.255','pending',0,'2026-12-02 00:03:33.255',NULL,NULL,NULL,NULL);
INSERT INTO outbox_events VALUES('f7804c3c-56b9-4afd-9647-0870416ac6b9','4b1869a3-0607-448c-9eaa-09d703b5ce88','report.received','{"caseId":"4b8c9270-b622-4629-8fab-003c45defbfc","category":"spam","event":"report.received","receivedAt":"2026-12-02T00:03:33.277Z","reportId":"96a3de27-c752-4580-91bb-a49aa150f1be","surface":"app"}','2026-12-02 00:03:33.278','pending',0,'2026-12-02 00:03:33.278',NULL,NULL,NULL,NULL);
INSERT INTO outbox_events VALUES('98c571d2-bc04-4ce2-b70a-950557c744d6','4b1869a3-0607-448c-9eaa-09d703b5ce88','case.decided','{"affectedAuthorId":"u-9","caseId":"5d4f3cb2-998a-4f9c-8156-8b7f517b13b6","contest":{"internalComplaintUntil":"2027-06-02","routes":["internal_complaint","out_of_court_dispute_settlement","judicial_redress"]},"decidedAt":"2026-12-02T00:03:33.560Z","decisionId":"cc4efc56-0b10-4b65-8b55-9c8a6bfd9b2f","event":"case.decided","explanation":"The comment insults a teenager.","outcome":"restricted","reportIds":["1bd2165c-29ec-423b-9ace-5171931d6471","0c36d371-6abf-4c1f-87ec-fa40973cca81","27caedd7-0ec4-420e-9e75-9dad50b4eb65"],"reporterIds":["u-1","u-2","u-3"],"restrictions":["content_removed"],"statementOfReasons":{"application_date":"2026-12-02","automated_decision":"AUTOMATED_DECISION_NOT_AUTOMATED","automated_detection":"No","category":"STATEMENT_CATEGORY_CYBER_VIOLENCE","category_specification":["KEYWORD_CYBER_BULLYING_INTIMIDATION","KEYWORD_CYBER_HARASSMENT"],"content_date":"2026-12-02","content_type":["CONTENT_TYPE_TEXT"],"decision_facts":"A reported comment.","decision_ground":"DECISION_GROUND_INCOMPATIBLE_CONTENT","decision_visibility":["DECISION_VISIBILITY_CONTENT_REMOVED"],"incompatible_content_explanation":"The comment insults a teenager.","incompatible_content_ground":"Community rules §4 (harassment)","puid":"5d4f3cb2-998a-4f9c-8156-8b7f517b13b6-1","source_type":"SOURCE_ARTICLE_16","territorial_scope":["FR"]},"subject":{"id":"c-1","kind":"comment"},"warnAuthor":false}','2026-12-02 00:03:33.561','pending',0,'2026-12-02 00:03:33.561',NULL,NULL,NULL,NULL);
CREATE TABLE moderators (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'moderator', 'compliance')),
  token_hash TEXT UNIQUE,
  token_prefix TEXT,
  password_hash TEXT,
  created_at DATETIME NOT NULL
, failed_sign_ins INTEGER NOT NULL DEFAULT 0, locked_until DATETIME);
INSERT INTO moderators VALUES('bf75cc55-fc16-4d71-acc6-184575ce02be','4b1869a3-0607-448c-9eaa-09d703b5ce88','mia','moderator','8e18184da4e27a44b290beeab45492a69a79f9b92ed2da8d9f576de786f7f126','rlm_410c2082',NULL,'2026-12-02 00:03:33.326',0,NULL);
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
INSERT INTO decisions VALUES('cc4efc56-0b10-4b65-8b55-9c8a6bfd9b2f','4b1869a3-0607-448c-9eaa-09d703b5ce88','5d4f3cb2-998a-4f9c-8156-8b7f517b13b6','bf75cc55-fc16-4d71-acc6-184575ce02be','{"automatedDecision":"not_automated","automatedDetection":false,"explanation":"The comment insults a teenager.","facts":"A reported comment.","ground":"incompatible","restrictions":["content_removed"],"termsClause":"Community rules §4 (harassment)","territorialScope":["FR"],"warnAuthor":false}',1,'u-9','2026-12-02 00:03:33.561');
CREATE TABLE statements_of_reasons (
  puid TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  case_id TEXT NOT NULL REFERENCES cases(id),
  decision_id TEXT NOT NULL UNIQUE REFERENCES decisions(id),
  statement_json TEXT NOT NULL,
  created_at DATETIME NOT NULL
);
INSERT INTO statements_of_reasons VALUES('5d4f3cb2-998a-4f9c-8156-8b7f517b13b6-1','4b1869a3-0607-448c-9eaa-09d703b5ce88','5d4f3cb2-998a-4f9c-8156-8b7f517b13b6','cc4efc56-0b10-4b65-8b55-9c8a6bfd9b2f','{"application_date":"2026-12-02","automated_decision":"AUTOMATED_DECISION_NOT_AUTOMATED","automated_detection":"No","category":"STATEMENT_CATEGORY_CYBER_VIOLENCE","category_specification":["KEYWORD_CYBER_BULLYING_INTIMIDATION","KEYWORD_CYBER_HARASSMENT"],"content_date":"2026-12-02","content_type":["CONTENT_TYPE_TEXT"],"decision_facts":"A reported comment.","decision_ground":"DECISION_GROUND_INCOMPATIBLE_CONTENT","decision_visibility":["DECISION_VISIBILITY_CONTENT_REMOVED"],"incompatible_content_explanation":"The comment insults a teenager.","incompatible_content_ground":"Community rules §4 (harassment)","puid":"5d4f3cb2-998a-4f9c-8156-8b7f517b13b6-1","source_type":"SOURCE_ARTICLE_16","territorial_scope":["FR"]}','2026-12-02 00:03:33.561');
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
INSERT INTO audit_log VALUES(1,'4b1869a3-0607-448c-9eaa-09d703b5ce88','cli','2026-12-02 00:03:33.326','moderator.created',NULL,NULL,'{"name":"mia","role":"moderator"}');
INSERT INTO audit_log VALUES(2,'4b1869a3-0607-448c-9eaa-09d703b5ce88','mia','2026-12-02 00:03:33.344','case.claimed','5d4f3cb2-998a-4f9c-8156-8b7f517b13b6','{"leaseExpiresAt":null,"leaseOwner":null,"status":"open"}','{"leaseExpiresAt":"2026-12-02T00:13:33.344Z","leaseOwner":"mia","status":"open"}');
INSERT INTO audit_log VALUES(3,'4b1869a3-0607-448c-9eaa-09d703b5ce88','mia','2026-12-02 00:03:33.561','case.decided','5d4f3cb2-998a-4f9c-8156-8b7f517b13b6','{"leaseExpiresAt":"2026-12-02T00:13:33.343Z","leaseOwner":"mia","status":"open"}','{"decisionId":"cc4efc56-0b10-4b65-8b55-9c8a6bfd9b2f","leaseExpiresAt":null,"leaseOwner":null,"puid":"5d4f3cb2-998a-4f9c-8156-8b7f517b13b6-1","restrictions":["content_removed"],"status":"decided"}');
CREATE TABLE relais_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO relais_settings VALUES('priority_weights','{"involvesMinor":25,"maximumReporterPoints":20,"maximumTargetsElapsed":3,"overdue":10,"perReporterDoubling":5,"perSeverityLevel":20,"perTargetElapsed":10,"targets":{"involvingMinor":14400,"standard":86400,"threat":3600},"trustedFlagger":20}');
INSERT INTO relais_settings VALUES('secret:form-tokens','b82c64376fdc2e1f06ba79b8b775de42e4b348560d4b489de128b65a77c7deb7');
CREATE TABLE webhook_endpoints (
  tenant_id TEXT PRIMARY KEY REFERENCES tenants(id),
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  updated_at DATETIME NOT NULL
);
CREATE TABLE console_sessions (
  id_hash TEXT PRIMARY KEY,
  moderator_id TEXT NOT NULL REFERENCES moderators(id),
  csrf_token TEXT NOT NULL,
  created_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL,
  ended_at DATETIME
);
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('audit_log',3);
CREATE INDEX reports_by_case ON reports(case_id);
CREATE INDEX reports_by_tenant ON reports(tenant_id, received_at);
CREATE INDEX outbox_due ON outbox_events(status, next_attempt_at);
CREATE INDEX moderators_by_tenant ON moderators(tenant_id);
CREATE INDEX cases_queue ON cases(tenant_id, status, base_priority DESC, due_at);
CREATE INDEX reports_by_case_reporter ON reports(case_id, reporter_id);
CREATE INDEX decisions_by_case ON decisions(case_id, decided_at);
CREATE INDEX decisions_by_author ON decisions(tenant_id, author_id, decided_at);
CREATE INDEX statements_by_case ON statements_of_reasons(case_id, created_at);
CREATE INDEX audit_by_case ON audit_log(case_id, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE INDEX outbox_by_tenant_status ON outbox_events(tenant_id, status);
CREATE INDEX console_sessions_by_moderator ON console_sessions(moderator_id);
COMMIT;
