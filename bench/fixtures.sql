-- Conversations the benchmark drives: one with 50 messages, and 20 whose replies notify five participants.
\set ON_ERROR_STOP on
begin;
insert into conversation (id, type, company_id, subject, created_by, created_at, last_message_at, message_count, last_message_id)
values (md5('bench-long')::uuid, 'ENTREPRISE', md5('company1')::uuid, 'Conversation de 50 messages',
        md5('collab1')::uuid, now() - interval '2 days', now() - interval '1 minute', 50, md5('bench-long50')::uuid);
insert into participant (conversation_id, person_id, joined_at, last_message_at)
values (md5('bench-long')::uuid, md5('collab1')::uuid, now() - interval '2 days', now() - interval '1 minute'),
       (md5('bench-long')::uuid, md5('client1')::uuid, now() - interval '2 days', now() - interval '1 minute');
insert into message (id, conversation_id, seq, author_id, html, plain_text, created_at)
select md5('bench-long' || s)::uuid, md5('bench-long')::uuid, s,
       case when s % 2 = 1 then md5('collab1')::uuid else md5('client1')::uuid end,
       '<p>Message <strong>' || s || '</strong> : relevés, factures et <em>questions</em> sur le bilan.</p>',
       'Message ' || s || ' : relevés, factures et questions sur le bilan.',
       now() - interval '2 days' + s * interval '30 minutes'
  from generate_series(1, 50) s;

insert into conversation (id, type, company_id, subject, created_by, created_at, last_message_at, message_count, last_message_id)
select md5('bench-reply' || r)::uuid, 'ENTREPRISE', md5('company1')::uuid, 'Réponses ' || r, md5('collab1')::uuid,
       now() - interval '1 day', now() - interval '1 day', 1, md5('bench-reply' || r || '-1')::uuid
  from generate_series(1, 20) r;
insert into message (id, conversation_id, seq, author_id, html, plain_text, created_at)
select md5('bench-reply' || r || '-1')::uuid, md5('bench-reply' || r)::uuid, 1, md5('collab1')::uuid, '<p>Début</p>', 'Début',
       now() - interval '1 day'
  from generate_series(1, 20) r;
insert into participant (conversation_id, person_id, joined_at, last_message_at)
select md5('bench-reply' || r)::uuid, md5('collab' || c)::uuid, now() - interval '1 day', now() - interval '1 day'
  from generate_series(1, 20) r, generate_series(1, 6) c;

-- A personal access token for the API calls of the benchmark (its SHA-256 is what the application stores).
insert into access_token (id, person_id, name, token_hash, created_at, expires_at)
values (md5('bench-token')::uuid, md5('collab1')::uuid, 'benchmark',
        encode(sha256(convert_to(:'token', 'UTF8')), 'hex'), now(), now() + interval '30 days');
commit;
analyze conversation;
analyze participant;
analyze message;
