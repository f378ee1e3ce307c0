--
-- PostgreSQL database dump
--

\restrict ICP2uqW5uY66jxx50uUOnjOisWbAgljqQbgPmaezMcbflTMuTV6NEfvfrG3Mlvi

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: relais_audit_log_is_append_only(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.relais_audit_log_is_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END
$$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: audit_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_log (
    seq bigint NOT NULL,
    tenant_id text NOT NULL,
    actor text NOT NULL,
    at timestamp with time zone NOT NULL,
    action text NOT NULL,
    case_id text,
    before_json text,
    after_json text
);


--
-- Name: audit_log_seq_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.audit_log ALTER COLUMN seq ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.audit_log_seq_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: cases; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cases (
    id text NOT NULL,
    tenant_id text NOT NULL,
    subject_key text NOT NULL,
    subject_kind text NOT NULL,
    subject_id text NOT NULL,
    report_count integer NOT NULL,
    first_report_at timestamp with time zone NOT NULL,
    last_report_at timestamp with time zone NOT NULL,
    status text NOT NULL,
    severity integer DEFAULT 0 NOT NULL,
    involves_minor boolean DEFAULT false NOT NULL,
    has_threat boolean DEFAULT false NOT NULL,
    trusted_flagger boolean DEFAULT false NOT NULL,
    distinct_reporters integer DEFAULT 0 NOT NULL,
    base_priority double precision DEFAULT 0 NOT NULL,
    target_seconds double precision DEFAULT 86400 NOT NULL,
    due_at timestamp with time zone,
    author_id text,
    lease_owner text,
    lease_expires_at timestamp with time zone,
    decided_at timestamp with time zone
);


--
-- Name: console_sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.console_sessions (
    id_hash text NOT NULL,
    moderator_id text NOT NULL,
    csrf_token text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    ended_at timestamp with time zone
);


--
-- Name: decisions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.decisions (
    id text NOT NULL,
    tenant_id text NOT NULL,
    case_id text NOT NULL,
    moderator_id text NOT NULL,
    decision_json text NOT NULL,
    restrictive boolean NOT NULL,
    author_id text,
    decided_at timestamp with time zone NOT NULL
);


--
-- Name: idempotency_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.idempotency_keys (
    tenant_id text NOT NULL,
    key text NOT NULL,
    request_hash text NOT NULL,
    report_id text NOT NULL,
    response_json text NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: moderators; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.moderators (
    id text NOT NULL,
    tenant_id text NOT NULL,
    name text NOT NULL,
    role text NOT NULL,
    token_hash text,
    token_prefix text,
    password_hash text,
    created_at timestamp with time zone NOT NULL,
    failed_sign_ins integer DEFAULT 0 NOT NULL,
    locked_until timestamp with time zone,
    CONSTRAINT moderators_role_check CHECK ((role = ANY (ARRAY['admin'::text, 'moderator'::text, 'compliance'::text])))
);


--
-- Name: outbox_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.outbox_events (
    id text NOT NULL,
    tenant_id text NOT NULL,
    type text NOT NULL,
    payload text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    status text NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    delivered_at timestamp with time zone,
    last_error text,
    claimed_by text,
    claimed_until timestamp with time zone
);


--
-- Name: relais_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.relais_migrations (
    name text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: relais_settings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.relais_settings (
    key text NOT NULL,
    value text NOT NULL
);


--
-- Name: reports; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reports (
    seq bigint NOT NULL,
    id text NOT NULL,
    tenant_id text NOT NULL,
    case_id text NOT NULL,
    received_at timestamp with time zone NOT NULL,
    status text NOT NULL,
    surface text NOT NULL,
    category text NOT NULL,
    reporter_id text NOT NULL,
    reporter_country text NOT NULL,
    reporter_locale text NOT NULL,
    reporter_age text NOT NULL,
    reporter_is_target boolean NOT NULL,
    subject_kind text NOT NULL,
    subject_id text NOT NULL,
    subject_url text,
    subject_author_id text,
    subject_text text,
    subject_language text,
    subject_created_at text,
    details text,
    good_faith boolean NOT NULL,
    support_json text,
    reporter_trusted_flagger text
);


--
-- Name: reports_seq_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.reports ALTER COLUMN seq ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.reports_seq_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: statements_of_reasons; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.statements_of_reasons (
    puid text NOT NULL,
    tenant_id text NOT NULL,
    case_id text NOT NULL,
    decision_id text NOT NULL,
    statement_json text NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: support_event_counts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.support_event_counts (
    tenant_id text NOT NULL,
    day text NOT NULL,
    surface text NOT NULL,
    country text NOT NULL,
    category text NOT NULL,
    helpline_id text NOT NULL,
    event text NOT NULL,
    count integer NOT NULL
);


--
-- Name: tenants; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tenants (
    id text NOT NULL,
    name text NOT NULL,
    api_key_hash text NOT NULL,
    key_prefix text NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: webhook_endpoints; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.webhook_endpoints (
    tenant_id text NOT NULL,
    url text NOT NULL,
    secret text NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Data for Name: audit_log; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.audit_log OVERRIDING SYSTEM VALUE VALUES (1, 'e3f92189-1465-498a-812e-9564bc470656', 'cli', '2026-12-02 00:03:34.893457+00', 'moderator.created', NULL, NULL, '{"name":"mia","role":"moderator"}');
INSERT INTO public.audit_log OVERRIDING SYSTEM VALUE VALUES (2, 'e3f92189-1465-498a-812e-9564bc470656', 'mia', '2026-12-02 00:03:34.922008+00', 'case.claimed', '69568a22-8f47-4c85-99d7-120107f8d8bd', '{"leaseExpiresAt":null,"leaseOwner":null,"status":"open"}', '{"leaseExpiresAt":"2026-12-02T00:13:34.922Z","leaseOwner":"mia","status":"open"}');
INSERT INTO public.audit_log OVERRIDING SYSTEM VALUE VALUES (3, 'e3f92189-1465-498a-812e-9564bc470656', 'mia', '2026-12-02 00:03:35.088723+00', 'case.decided', '69568a22-8f47-4c85-99d7-120107f8d8bd', '{"leaseExpiresAt":"2026-12-02T00:13:34.922Z","leaseOwner":"mia","status":"open"}', '{"decisionId":"e2de5a93-cd9e-4ad0-b287-280735033e08","leaseExpiresAt":null,"leaseOwner":null,"puid":"69568a22-8f47-4c85-99d7-120107f8d8bd-1","restrictions":["content_removed"],"status":"decided"}');


--
-- Data for Name: cases; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.cases VALUES ('4e3406ef-f4c0-41a1-b8c4-e5bd97e10a5f', 'e3f92189-1465-498a-812e-9564bc470656', 'account:a-2', 'account', 'a-2', 1, '2026-12-02 00:03:34.794004+00', '2026-12-02 00:03:34.794004+00', 'open', 0, false, false, false, 1, 0, 86400, '2026-12-03 00:03:34.794004+00', NULL, NULL, NULL, NULL);
INSERT INTO public.cases VALUES ('69568a22-8f47-4c85-99d7-120107f8d8bd', 'e3f92189-1465-498a-812e-9564bc470656', 'comment:c-1', 'comment', 'c-1', 3, '2026-12-02 00:03:34.626557+00', '2026-12-02 00:03:34.773636+00', 'decided', 3, true, false, false, 3, 92.92481250360578, 14400, '2026-12-02 04:03:34.626557+00', 'u-9', NULL, NULL, '2026-12-02 00:03:35.088723+00');


--
-- Data for Name: console_sessions; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: decisions; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.decisions VALUES ('e2de5a93-cd9e-4ad0-b287-280735033e08', 'e3f92189-1465-498a-812e-9564bc470656', '69568a22-8f47-4c85-99d7-120107f8d8bd', 'b044994d-58db-4ea6-a810-b8536e8a3cd7', '{"automatedDecision":"not_automated","automatedDetection":false,"explanation":"The comment insults a teenager.","facts":"A reported comment.","ground":"incompatible","restrictions":["content_removed"],"termsClause":"Community rules §4 (harassment)","territorialScope":["FR"],"warnAuthor":false}', true, 'u-9', '2026-12-02 00:03:35.088723+00');


--
-- Data for Name: idempotency_keys; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.idempotency_keys VALUES ('e3f92189-1465-498a-812e-9564bc470656', 'fixture-1', 'a764afb32fa8723834e2bbe3fe3b354ffbde2556faa73bb1b4670251ce625192', 'c7eeb8f2-d607-4016-8a7e-3f2cade45ada', '{"caseId":"69568a22-8f47-4c85-99d7-120107f8d8bd","id":"c7eeb8f2-d607-4016-8a7e-3f2cade45ada","receivedAt":"2026-12-02T00:03:34.626Z","status":"received","support":{"directoryVersion":"2026-11-29.2","helplines":[{"actions":[{"kind":"call","label":"Appeler le 119","uri":"tel:119"},{"kind":"chat","label":"Discuter en ligne","uri":"https://www.allo119.gouv.fr"}],"confidential":true,"emergency":false,"free":true,"hoursToday":"24 h/24, 7 j/7","id":"fr-119","name":"119 – Allô Enfance en danger","open":true,"organisation":"Service national d’accueil téléphonique de l’enfance en danger (SNATED)"},{"actions":[{"kind":"call","label":"Appeler le 3018","uri":"tel:3018"},{"kind":"chat","label":"Discuter en ligne","uri":"https://www.3018.fr"},{"kind":"link","label":"Site : 3018.fr","uri":"https://www.3018.fr"}],"anonymous":true,"confidential":true,"emergency":false,"free":true,"hoursToday":"09:00–23:00","id":"fr-3018","name":"3018 – numéro national contre le harcèlement et les violences numériques","open":false,"opensAt":"2026-12-02T09:00:00+01:00","organisation":"Association e-Enfance"},{"actions":[{"kind":"call","label":"Appeler le 112","uri":"tel:112"}],"emergency":true,"free":true,"hoursToday":"24 h/24, 7 j/7","id":"fr-112","name":"112 – Numéro d’urgence européen","open":true,"organisation":"Services d’urgence"}],"locale":"fr","message":"3018 est fermé pour le moment et rouvre à 09:00. Parlez-en à quelqu’un qui peut vous aider.","presentation":"both","title":"Vous n’êtes pas seul·e"}}', '2026-12-02 00:03:34.626557+00');
INSERT INTO public.idempotency_keys VALUES ('e3f92189-1465-498a-812e-9564bc470656', 'fixture-2', 'e151546b4c9632539f96b7353aa1b1eda6f8461a64d00f688d6b2d035ce56ef2', 'b90adceb-864c-4755-bb6f-7a2754fec036', '{"caseId":"69568a22-8f47-4c85-99d7-120107f8d8bd","id":"b90adceb-864c-4755-bb6f-7a2754fec036","receivedAt":"2026-12-02T00:03:34.756Z","status":"received","support":{"directoryVersion":"2026-11-29.2","helplines":[{"actions":[{"kind":"call","label":"Appeler le 119","uri":"tel:119"},{"kind":"chat","label":"Discuter en ligne","uri":"https://www.allo119.gouv.fr"}],"confidential":true,"emergency":false,"free":true,"hoursToday":"24 h/24, 7 j/7","id":"fr-119","name":"119 – Allô Enfance en danger","open":true,"organisation":"Service national d’accueil téléphonique de l’enfance en danger (SNATED)"},{"actions":[{"kind":"call","label":"Appeler le 3018","uri":"tel:3018"},{"kind":"chat","label":"Discuter en ligne","uri":"https://www.3018.fr"},{"kind":"link","label":"Site : 3018.fr","uri":"https://www.3018.fr"}],"anonymous":true,"confidential":true,"emergency":false,"free":true,"hoursToday":"09:00–23:00","id":"fr-3018","name":"3018 – numéro national contre le harcèlement et les violences numériques","open":false,"opensAt":"2026-12-02T09:00:00+01:00","organisation":"Association e-Enfance"},{"actions":[{"kind":"call","label":"Appeler le 112","uri":"tel:112"}],"emergency":true,"free":true,"hoursToday":"24 h/24, 7 j/7","id":"fr-112","name":"112 – Numéro d’urgence européen","open":true,"organisation":"Services d’urgence"}],"locale":"fr","message":"3018 est fermé pour le moment et rouvre à 09:00. Parlez-en à quelqu’un qui peut vous aider.","presentation":"both","title":"Vous n’êtes pas seul·e"}}', '2026-12-02 00:03:34.756282+00');
INSERT INTO public.idempotency_keys VALUES ('e3f92189-1465-498a-812e-9564bc470656', 'fixture-3', 'faf312900355dd0cd34af5ced04ebe773491b5f2597636e8452e6b183749c14c', 'ba7edff9-c7cd-4296-b63a-4d058f64a0bc', '{"caseId":"69568a22-8f47-4c85-99d7-120107f8d8bd","id":"ba7edff9-c7cd-4296-b63a-4d058f64a0bc","receivedAt":"2026-12-02T00:03:34.773Z","status":"received","support":{"directoryVersion":"2026-11-29.2","helplines":[{"actions":[{"kind":"call","label":"Appeler le 119","uri":"tel:119"},{"kind":"chat","label":"Discuter en ligne","uri":"https://www.allo119.gouv.fr"}],"confidential":true,"emergency":false,"free":true,"hoursToday":"24 h/24, 7 j/7","id":"fr-119","name":"119 – Allô Enfance en danger","open":true,"organisation":"Service national d’accueil téléphonique de l’enfance en danger (SNATED)"},{"actions":[{"kind":"call","label":"Appeler le 3018","uri":"tel:3018"},{"kind":"chat","label":"Discuter en ligne","uri":"https://www.3018.fr"},{"kind":"link","label":"Site : 3018.fr","uri":"https://www.3018.fr"}],"anonymous":true,"confidential":true,"emergency":false,"free":true,"hoursToday":"09:00–23:00","id":"fr-3018","name":"3018 – numéro national contre le harcèlement et les violences numériques","open":false,"opensAt":"2026-12-02T09:00:00+01:00","organisation":"Association e-Enfance"},{"actions":[{"kind":"call","label":"Appeler le 112","uri":"tel:112"}],"emergency":true,"free":true,"hoursToday":"24 h/24, 7 j/7","id":"fr-112","name":"112 – Numéro d’urgence européen","open":true,"organisation":"Services d’urgence"}],"locale":"fr","message":"3018 est fermé pour le moment et rouvre à 09:00. Parlez-en à quelqu’un qui peut vous aider.","presentation":"both","title":"Vous n’êtes pas seul·e"}}', '2026-12-02 00:03:34.773636+00');


--
-- Data for Name: moderators; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.moderators VALUES ('b044994d-58db-4ea6-a810-b8536e8a3cd7', 'e3f92189-1465-498a-812e-9564bc470656', 'mia', 'moderator', '3cf8975c48a4fd54ceb8bbddd95183d8da8bd8d78011f826d9f414c8617e23d7', 'rlm_65accdc8', NULL, '2026-12-02 00:03:34.893457+00', 0, NULL);


--
-- Data for Name: outbox_events; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.outbox_events VALUES ('ddfd07ac-7435-45b3-ad4b-c970cbb277c4', 'e3f92189-1465-498a-812e-9564bc470656', 'report.received', '{"caseId":"69568a22-8f47-4c85-99d7-120107f8d8bd","category":"harassment","event":"report.received","receivedAt":"2026-12-02T00:03:34.626Z","reportId":"c7eeb8f2-d607-4016-8a7e-3f2cade45ada","surface":"app"}', '2026-12-02 00:03:34.626557+00', 'pending', 0, '2026-12-02 00:03:34.626557+00', NULL, NULL, NULL, NULL);
INSERT INTO public.outbox_events VALUES ('cb34a431-d343-4f03-ba75-e76f5ceee604', 'e3f92189-1465-498a-812e-9564bc470656', 'report.received', '{"caseId":"69568a22-8f47-4c85-99d7-120107f8d8bd","category":"harassment","event":"report.received","receivedAt":"2026-12-02T00:03:34.756Z","reportId":"b90adceb-864c-4755-bb6f-7a2754fec036","surface":"app"}', '2026-12-02 00:03:34.756282+00', 'pending', 0, '2026-12-02 00:03:34.756282+00', NULL, NULL, NULL, NULL);
INSERT INTO public.outbox_events VALUES ('1b4c6a91-242c-49d8-b2b7-958dde90f8e6', 'e3f92189-1465-498a-812e-9564bc470656', 'report.received', '{"caseId":"69568a22-8f47-4c85-99d7-120107f8d8bd","category":"harassment","event":"report.received","receivedAt":"2026-12-02T00:03:34.773Z","reportId":"ba7edff9-c7cd-4296-b63a-4d058f64a0bc","surface":"app"}', '2026-12-02 00:03:34.773636+00', 'pending', 0, '2026-12-02 00:03:34.773636+00', NULL, NULL, NULL, NULL);
INSERT INTO public.outbox_events VALUES ('b86bd2cf-549c-404f-83e2-8b1a0baca5ba', 'e3f92189-1465-498a-812e-9564bc470656', 'report.received', '{"caseId":"4e3406ef-f4c0-41a1-b8c4-e5bd97e10a5f","category":"spam","event":"report.received","receivedAt":"2026-12-02T00:03:34.794Z","reportId":"f5ed45e0-9c4e-4790-b52e-92f5d1f3b799","surface":"app"}', '2026-12-02 00:03:34.794004+00', 'pending', 0, '2026-12-02 00:03:34.794004+00', NULL, NULL, NULL, NULL);
INSERT INTO public.outbox_events VALUES ('f9d20a33-0416-4874-9736-2620d9d5aca6', 'e3f92189-1465-498a-812e-9564bc470656', 'case.decided', '{"affectedAuthorId":"u-9","caseId":"69568a22-8f47-4c85-99d7-120107f8d8bd","contest":{"internalComplaintUntil":"2027-06-02","routes":["internal_complaint","out_of_court_dispute_settlement","judicial_redress"]},"decidedAt":"2026-12-02T00:03:35.088Z","decisionId":"e2de5a93-cd9e-4ad0-b287-280735033e08","event":"case.decided","explanation":"The comment insults a teenager.","outcome":"restricted","reportIds":["c7eeb8f2-d607-4016-8a7e-3f2cade45ada","b90adceb-864c-4755-bb6f-7a2754fec036","ba7edff9-c7cd-4296-b63a-4d058f64a0bc"],"reporterIds":["u-1","u-2","u-3"],"restrictions":["content_removed"],"statementOfReasons":{"application_date":"2026-12-02","automated_decision":"AUTOMATED_DECISION_NOT_AUTOMATED","automated_detection":"No","category":"STATEMENT_CATEGORY_CYBER_VIOLENCE","category_specification":["KEYWORD_CYBER_BULLYING_INTIMIDATION","KEYWORD_CYBER_HARASSMENT"],"content_date":"2026-12-02","content_type":["CONTENT_TYPE_TEXT"],"decision_facts":"A reported comment.","decision_ground":"DECISION_GROUND_INCOMPATIBLE_CONTENT","decision_visibility":["DECISION_VISIBILITY_CONTENT_REMOVED"],"incompatible_content_explanation":"The comment insults a teenager.","incompatible_content_ground":"Community rules §4 (harassment)","puid":"69568a22-8f47-4c85-99d7-120107f8d8bd-1","source_type":"SOURCE_ARTICLE_16","territorial_scope":["FR"]},"subject":{"id":"c-1","kind":"comment"},"warnAuthor":false}', '2026-12-02 00:03:35.088723+00', 'pending', 0, '2026-12-02 00:03:35.088723+00', NULL, NULL, NULL, NULL);


--
-- Data for Name: relais_migrations; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.relais_migrations VALUES ('intake v1', '2026-12-02 00:03:34.156898+00');
INSERT INTO public.relais_migrations VALUES ('moderation v1', '2026-12-02 00:03:34.156898+00');
INSERT INTO public.relais_migrations VALUES ('webhooks v1', '2026-12-02 00:03:34.156898+00');
INSERT INTO public.relais_migrations VALUES ('console v1', '2026-12-02 00:03:34.156898+00');


--
-- Data for Name: relais_settings; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.relais_settings VALUES ('secret:form-tokens', 'b151a6fa1a788259e1640ec64eaff5035647e7f937da74c318231f4fa2dea53f');
INSERT INTO public.relais_settings VALUES ('priority_weights', '{"involvesMinor":25,"maximumReporterPoints":20,"maximumTargetsElapsed":3,"overdue":10,"perReporterDoubling":5,"perSeverityLevel":20,"perTargetElapsed":10,"targets":{"involvingMinor":14400,"standard":86400,"threat":3600},"trustedFlagger":20}');


--
-- Data for Name: reports; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.reports OVERRIDING SYSTEM VALUE VALUES (4, 'f5ed45e0-9c4e-4790-b52e-92f5d1f3b799', 'e3f92189-1465-498a-812e-9564bc470656', '4e3406ef-f4c0-41a1-b8c4-e5bd97e10a5f', '2026-12-02 00:03:34.794004+00', 'received', 'app', 'spam', 'u-4', 'DE', 'de-DE', '18+', false, 'account', 'a-2', NULL, NULL, NULL, NULL, NULL, NULL, true, NULL, NULL);
INSERT INTO public.reports OVERRIDING SYSTEM VALUE VALUES (1, 'c7eeb8f2-d607-4016-8a7e-3f2cade45ada', 'e3f92189-1465-498a-812e-9564bc470656', '69568a22-8f47-4c85-99d7-120107f8d8bd', '2026-12-02 00:03:34.626557+00', 'decided', 'app', 'harassment', 'u-1', 'FR', 'fr-FR', '13-17', true, 'comment', 'c-1', NULL, 'u-9', 'fixture text', NULL, NULL, NULL, true, '{"directoryVersion":"2026-11-29.2","helplines":[{"actions":[{"kind":"call","label":"Appeler le 119","uri":"tel:119"},{"kind":"chat","label":"Discuter en ligne","uri":"https://www.allo119.gouv.fr"}],"confidential":true,"emergency":false,"free":true,"hoursToday":"24 h/24, 7 j/7","id":"fr-119","name":"119 – Allô Enfance en danger","open":true,"organisation":"Service national d’accueil téléphonique de l’enfance en danger (SNATED)"},{"actions":[{"kind":"call","label":"Appeler le 3018","uri":"tel:3018"},{"kind":"chat","label":"Discuter en ligne","uri":"https://www.3018.fr"},{"kind":"link","label":"Site : 3018.fr","uri":"https://www.3018.fr"}],"anonymous":true,"confidential":true,"emergency":false,"free":true,"hoursToday":"09:00–23:00","id":"fr-3018","name":"3018 – numéro national contre le harcèlement et les violences numériques","open":false,"opensAt":"2026-12-02T09:00:00+01:00","organisation":"Association e-Enfance"},{"actions":[{"kind":"call","label":"Appeler le 112","uri":"tel:112"}],"emergency":true,"free":true,"hoursToday":"24 h/24, 7 j/7","id":"fr-112","name":"112 – Numéro d’urgence européen","open":true,"organisation":"Services d’urgence"}],"locale":"fr","message":"3018 est fermé pour le moment et rouvre à 09:00. Parlez-en à quelqu’un qui peut vous aider.","presentation":"both","title":"Vous n’êtes pas seul·e"}', NULL);
INSERT INTO public.reports OVERRIDING SYSTEM VALUE VALUES (2, 'b90adceb-864c-4755-bb6f-7a2754fec036', 'e3f92189-1465-498a-812e-9564bc470656', '69568a22-8f47-4c85-99d7-120107f8d8bd', '2026-12-02 00:03:34.756282+00', 'decided', 'app', 'harassment', 'u-2', 'FR', 'fr-FR', '13-17', true, 'comment', 'c-1', NULL, 'u-9', 'fixture text', NULL, NULL, NULL, true, '{"directoryVersion":"2026-11-29.2","helplines":[{"actions":[{"kind":"call","label":"Appeler le 119","uri":"tel:119"},{"kind":"chat","label":"Discuter en ligne","uri":"https://www.allo119.gouv.fr"}],"confidential":true,"emergency":false,"free":true,"hoursToday":"24 h/24, 7 j/7","id":"fr-119","name":"119 – Allô Enfance en danger","open":true,"organisation":"Service national d’accueil téléphonique de l’enfance en danger (SNATED)"},{"actions":[{"kind":"call","label":"Appeler le 3018","uri":"tel:3018"},{"kind":"chat","label":"Discuter en ligne","uri":"https://www.3018.fr"},{"kind":"link","label":"Site : 3018.fr","uri":"https://www.3018.fr"}],"anonymous":true,"confidential":true,"emergency":false,"free":true,"hoursToday":"09:00–23:00","id":"fr-3018","name":"3018 – numéro national contre le harcèlement et les violences numériques","open":false,"opensAt":"2026-12-02T09:00:00+01:00","organisation":"Association e-Enfance"},{"actions":[{"kind":"call","label":"Appeler le 112","uri":"tel:112"}],"emergency":true,"free":true,"hoursToday":"24 h/24, 7 j/7","id":"fr-112","name":"112 – Numéro d’urgence européen","open":true,"organisation":"Services d’urgence"}],"locale":"fr","message":"3018 est fermé pour le moment et rouvre à 09:00. Parlez-en à quelqu’un qui peut vous aider.","presentation":"both","title":"Vous n’êtes pas seul·e"}', NULL);
INSERT INTO public.reports OVERRIDING SYSTEM VALUE VALUES (3, 'ba7edff9-c7cd-4296-b63a-4d058f64a0bc', 'e3f92189-1465-498a-812e-9564bc470656', '69568a22-8f47-4c85-99d7-120107f8d8bd', '2026-12-02 00:03:34.773636+00', 'decided', 'app', 'harassment', 'u-3', 'FR', 'fr-FR', '13-17', true, 'comment', 'c-1', NULL, 'u-9', 'fixture text', NULL, NULL, NULL, true, '{"directoryVersion":"2026-11-29.2","helplines":[{"actions":[{"kind":"call","label":"Appeler le 119","uri":"tel:119"},{"kind":"chat","label":"Discuter en ligne","uri":"https://www.allo119.gouv.fr"}],"confidential":true,"emergency":false,"free":true,"hoursToday":"24 h/24, 7 j/7","id":"fr-119","name":"119 – Allô Enfance en danger","open":true,"organisation":"Service national d’accueil téléphonique de l’enfance en danger (SNATED)"},{"actions":[{"kind":"call","label":"Appeler le 3018","uri":"tel:3018"},{"kind":"chat","label":"Discuter en ligne","uri":"https://www.3018.fr"},{"kind":"link","label":"Site : 3018.fr","uri":"https://www.3018.fr"}],"anonymous":true,"confidential":true,"emergency":false,"free":true,"hoursToday":"09:00–23:00","id":"fr-3018","name":"3018 – numéro national contre le harcèlement et les violences numériques","open":false,"opensAt":"2026-12-02T09:00:00+01:00","organisation":"Association e-Enfance"},{"actions":[{"kind":"call","label":"Appeler le 112","uri":"tel:112"}],"emergency":true,"free":true,"hoursToday":"24 h/24, 7 j/7","id":"fr-112","name":"112 – Numéro d’urgence européen","open":true,"organisation":"Services d’urgence"}],"locale":"fr","message":"3018 est fermé pour le moment et rouvre à 09:00. Parlez-en à quelqu’un qui peut vous aider.","presentation":"both","title":"Vous n’êtes pas seul·e"}', NULL);


--
-- Data for Name: statements_of_reasons; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.statements_of_reasons VALUES ('69568a22-8f47-4c85-99d7-120107f8d8bd-1', 'e3f92189-1465-498a-812e-9564bc470656', '69568a22-8f47-4c85-99d7-120107f8d8bd', 'e2de5a93-cd9e-4ad0-b287-280735033e08', '{"application_date":"2026-12-02","automated_decision":"AUTOMATED_DECISION_NOT_AUTOMATED","automated_detection":"No","category":"STATEMENT_CATEGORY_CYBER_VIOLENCE","category_specification":["KEYWORD_CYBER_BULLYING_INTIMIDATION","KEYWORD_CYBER_HARASSMENT"],"content_date":"2026-12-02","content_type":["CONTENT_TYPE_TEXT"],"decision_facts":"A reported comment.","decision_ground":"DECISION_GROUND_INCOMPATIBLE_CONTENT","decision_visibility":["DECISION_VISIBILITY_CONTENT_REMOVED"],"incompatible_content_explanation":"The comment insults a teenager.","incompatible_content_ground":"Community rules §4 (harassment)","puid":"69568a22-8f47-4c85-99d7-120107f8d8bd-1","source_type":"SOURCE_ARTICLE_16","territorial_scope":["FR"]}', '2026-12-02 00:03:35.088723+00');


--
-- Data for Name: support_event_counts; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: tenants; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.tenants VALUES ('e3f92189-1465-498a-812e-9564bc470656', 'demo', 'f6c664bcf93869f022094f23647f8efd96fe6d54f2671aa33c775212533ca8aa', 'rls_843a29cc', '2026-12-02 00:03:34.230647+00');


--
-- Data for Name: webhook_endpoints; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Name: audit_log_seq_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.audit_log_seq_seq', 3, true);


--
-- Name: reports_seq_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.reports_seq_seq', 4, true);


--
-- Name: audit_log audit_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT audit_log_pkey PRIMARY KEY (seq);


--
-- Name: cases cases_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_pkey PRIMARY KEY (id);


--
-- Name: cases cases_tenant_id_subject_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_tenant_id_subject_key_key UNIQUE (tenant_id, subject_key);


--
-- Name: console_sessions console_sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.console_sessions
    ADD CONSTRAINT console_sessions_pkey PRIMARY KEY (id_hash);


--
-- Name: decisions decisions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.decisions
    ADD CONSTRAINT decisions_pkey PRIMARY KEY (id);


--
-- Name: idempotency_keys idempotency_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idempotency_keys
    ADD CONSTRAINT idempotency_keys_pkey PRIMARY KEY (tenant_id, key);


--
-- Name: moderators moderators_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.moderators
    ADD CONSTRAINT moderators_name_key UNIQUE (name);


--
-- Name: moderators moderators_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.moderators
    ADD CONSTRAINT moderators_pkey PRIMARY KEY (id);


--
-- Name: moderators moderators_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.moderators
    ADD CONSTRAINT moderators_token_hash_key UNIQUE (token_hash);


--
-- Name: outbox_events outbox_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox_events
    ADD CONSTRAINT outbox_events_pkey PRIMARY KEY (id);


--
-- Name: relais_migrations relais_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.relais_migrations
    ADD CONSTRAINT relais_migrations_pkey PRIMARY KEY (name);


--
-- Name: relais_settings relais_settings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.relais_settings
    ADD CONSTRAINT relais_settings_pkey PRIMARY KEY (key);


--
-- Name: reports reports_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reports
    ADD CONSTRAINT reports_pkey PRIMARY KEY (id);


--
-- Name: reports reports_seq_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reports
    ADD CONSTRAINT reports_seq_key UNIQUE (seq);


--
-- Name: statements_of_reasons statements_of_reasons_decision_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.statements_of_reasons
    ADD CONSTRAINT statements_of_reasons_decision_id_key UNIQUE (decision_id);


--
-- Name: statements_of_reasons statements_of_reasons_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.statements_of_reasons
    ADD CONSTRAINT statements_of_reasons_pkey PRIMARY KEY (puid);


--
-- Name: support_event_counts support_event_counts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.support_event_counts
    ADD CONSTRAINT support_event_counts_pkey PRIMARY KEY (tenant_id, day, surface, country, category, helpline_id, event);


--
-- Name: tenants tenants_api_key_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tenants
    ADD CONSTRAINT tenants_api_key_hash_key UNIQUE (api_key_hash);


--
-- Name: tenants tenants_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tenants
    ADD CONSTRAINT tenants_name_key UNIQUE (name);


--
-- Name: tenants tenants_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tenants
    ADD CONSTRAINT tenants_pkey PRIMARY KEY (id);


--
-- Name: webhook_endpoints webhook_endpoints_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_endpoints
    ADD CONSTRAINT webhook_endpoints_pkey PRIMARY KEY (tenant_id);


--
-- Name: audit_by_case; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_by_case ON public.audit_log USING btree (case_id, seq);


--
-- Name: audit_by_tenant; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_by_tenant ON public.audit_log USING btree (tenant_id, seq);


--
-- Name: cases_queue; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cases_queue ON public.cases USING btree (tenant_id, status, base_priority DESC, due_at);


--
-- Name: console_sessions_by_moderator; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX console_sessions_by_moderator ON public.console_sessions USING btree (moderator_id);


--
-- Name: decisions_by_author; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX decisions_by_author ON public.decisions USING btree (tenant_id, author_id, decided_at);


--
-- Name: decisions_by_case; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX decisions_by_case ON public.decisions USING btree (case_id, decided_at);


--
-- Name: moderators_by_tenant; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX moderators_by_tenant ON public.moderators USING btree (tenant_id);


--
-- Name: outbox_by_tenant_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_by_tenant_status ON public.outbox_events USING btree (tenant_id, status);


--
-- Name: outbox_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX outbox_due ON public.outbox_events USING btree (status, next_attempt_at);


--
-- Name: reports_by_case; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reports_by_case ON public.reports USING btree (case_id, received_at, seq);


--
-- Name: reports_by_case_reporter; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reports_by_case_reporter ON public.reports USING btree (case_id, reporter_id);


--
-- Name: reports_by_tenant; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX reports_by_tenant ON public.reports USING btree (tenant_id, received_at);


--
-- Name: statements_by_case; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX statements_by_case ON public.statements_of_reasons USING btree (case_id, created_at);


--
-- Name: audit_log audit_log_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON public.audit_log FOR EACH STATEMENT EXECUTE FUNCTION public.relais_audit_log_is_append_only();


--
-- Name: audit_log audit_log_no_update_or_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_log_no_update_or_delete BEFORE DELETE OR UPDATE ON public.audit_log FOR EACH ROW EXECUTE FUNCTION public.relais_audit_log_is_append_only();


--
-- Name: audit_log audit_log_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT audit_log_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);


--
-- Name: cases cases_lease_owner_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_lease_owner_fkey FOREIGN KEY (lease_owner) REFERENCES public.moderators(id);


--
-- Name: cases cases_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.cases
    ADD CONSTRAINT cases_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);


--
-- Name: console_sessions console_sessions_moderator_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.console_sessions
    ADD CONSTRAINT console_sessions_moderator_id_fkey FOREIGN KEY (moderator_id) REFERENCES public.moderators(id);


--
-- Name: decisions decisions_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.decisions
    ADD CONSTRAINT decisions_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);


--
-- Name: decisions decisions_moderator_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.decisions
    ADD CONSTRAINT decisions_moderator_id_fkey FOREIGN KEY (moderator_id) REFERENCES public.moderators(id);


--
-- Name: decisions decisions_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.decisions
    ADD CONSTRAINT decisions_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);


--
-- Name: idempotency_keys idempotency_keys_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.idempotency_keys
    ADD CONSTRAINT idempotency_keys_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);


--
-- Name: moderators moderators_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.moderators
    ADD CONSTRAINT moderators_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);


--
-- Name: outbox_events outbox_events_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.outbox_events
    ADD CONSTRAINT outbox_events_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);


--
-- Name: reports reports_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reports
    ADD CONSTRAINT reports_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);


--
-- Name: reports reports_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reports
    ADD CONSTRAINT reports_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);


--
-- Name: statements_of_reasons statements_of_reasons_case_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.statements_of_reasons
    ADD CONSTRAINT statements_of_reasons_case_id_fkey FOREIGN KEY (case_id) REFERENCES public.cases(id);


--
-- Name: statements_of_reasons statements_of_reasons_decision_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.statements_of_reasons
    ADD CONSTRAINT statements_of_reasons_decision_id_fkey FOREIGN KEY (decision_id) REFERENCES public.decisions(id);


--
-- Name: statements_of_reasons statements_of_reasons_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.statements_of_reasons
    ADD CONSTRAINT statements_of_reasons_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);


--
-- Name: support_event_counts support_event_counts_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.support_event_counts
    ADD CONSTRAINT support_event_counts_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);


--
-- Name: webhook_endpoints webhook_endpoints_tenant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.webhook_endpoints
    ADD CONSTRAINT webhook_endpoints_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES public.tenants(id);


--
-- PostgreSQL database dump complete
--

\unrestrict ICP2uqW5uY66jxx50uUOnjOisWbAgljqQbgPmaezMcbflTMuTV6NEfvfrG3Mlvi

