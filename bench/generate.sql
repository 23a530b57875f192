-- Generates the benchmark firm directly in SQL. Variables: scale (1 = large, 0.1 = small), pw (a password hash).
\set ON_ERROR_STOP on
-- Bulk loading: the database's own triggers (the search documents and words of conversations) are off here and both
-- are computed once at the end.
set session_replication_role = replica;
select (2000 * :scale)::int as n_companies, (200 * :scale)::int as n_collabs, (10000 * :scale)::int as n_clients,
       (1000000 * :scale)::int as n_conversations, greatest((300 * :scale)::int, 1) as heavy_favourites \gset

begin;
insert into company (id, external_id, name, created_at)
select md5('company' || i)::uuid, 'B-' || lpad(i::text, 5, '0'), 'Entreprise ' || i, now()
  from generate_series(1, :n_companies) i;

insert into person (id, email, name, kind, admin, active, password_hash, language, email_notifications, created_at)
select md5('collab' || i)::uuid, 'collab' || i || '@bench.example', 'Collaborateur ' || i, 'COLLABORATOR',
       false, true, :'pw', 'fr', true, now()
  from generate_series(1, :n_collabs) i;

insert into person (id, email, name, kind, admin, active, password_hash, language, email_notifications, created_at)
select md5('client' || i)::uuid, 'client' || i || '@bench.example', 'Client ' || i, 'CLIENT',
       false, true, :'pw', 'fr', true, now()
  from generate_series(1, :n_clients) i;

-- Client i belongs to company ((i - 1) % n_companies) + 1; one in five also to the next company.
insert into membership (person_id, company_id)
select md5('client' || i)::uuid, md5('company' || (((i - 1) % :n_companies) + 1))::uuid
  from generate_series(1, :n_clients) i;
insert into membership (person_id, company_id)
select md5('client' || i)::uuid, md5('company' || ((i % :n_companies) + 1))::uuid
  from generate_series(1, :n_clients) i where i % 5 = 0;
-- Four clients in five star their companies.
insert into favourite (person_id, company_id)
select m.person_id, m.company_id from membership m join person p on p.id = m.person_id
 where p.email like 'client%@bench.example' and abs(hashtext(m.person_id::text)) % 5 <> 0;

-- Collaborator 1 is the heaviest (300 favourites at full scale); the others follow 30 client files each.
insert into favourite (person_id, company_id)
select md5('collab1')::uuid, md5('company' || i)::uuid from generate_series(1, :heavy_favourites) i;
insert into favourite (person_id, company_id)
select distinct md5('collab' || c)::uuid, md5('company' || (((c * 37 + k * 53) % :n_companies) + 1))::uuid
  from generate_series(2, :n_collabs) c, generate_series(1, 30) k;
commit;

begin;
-- Conversations: 60 % Entreprise, 25 % Confidentiel, 15 % Privé; activity over three years; 5 messages each.
create temporary table conv_gen as
select md5('conversation' || i)::uuid as id, i,
       case when i % 20 < 12 then 'ENTREPRISE' when i % 20 < 17 then 'CONFIDENTIEL' else 'PRIVE' end as type,
       (abs(hashtext('company' || i)) % :n_companies) + 1 as company_n,
       (abs(hashtext('author' || i)) % :n_collabs) + 1 as collab_n,
       now() - (abs(hashtext('when' || i)) % 94608000) * interval '1 second' as last_at
  from generate_series(1, :n_conversations) i;

insert into conversation (id, type, company_id, subject, created_by, created_at, last_message_at, message_count,
                          last_message_id)
select g.id, g.type, case when g.type = 'PRIVE' then null else md5('company' || g.company_n)::uuid end,
       'Dossier ' || g.i || ' : pièces et questions', md5('collab' || g.collab_n)::uuid,
       g.last_at - interval '4 hours', g.last_at, 5, md5(g.id::text || '5')::uuid
  from conv_gen g;

-- Participants: the collaborator author and a client of the company (for Privé, any client).
insert into participant (conversation_id, person_id, joined_at, last_message_at)
select g.id, md5('collab' || g.collab_n)::uuid, g.last_at - interval '4 hours', g.last_at from conv_gen g;
insert into participant (conversation_id, person_id, joined_at, last_message_at)
select g.id,
       md5('client' || (g.company_n + :n_companies * (abs(hashtext('client' || g.i)) % greatest(:n_clients / :n_companies, 1))))::uuid,
       g.last_at - interval '4 hours', g.last_at
  from conv_gen g
on conflict do nothing;

-- Message text: sentences of accounting vocabulary, words drawn with a skewed law (the first words of the list are
-- common, the last ones rare), so that search queries meet realistic frequencies: "facture" is common, "grand livre"
-- a two-word phrase, and "affacturage" is in one message in 2,000.
create temporary table vocabulary as
select row_number() over () as n, word from unnest(array[
  'facture', 'bilan', 'déclaration', 'TVA', 'relevé', 'bancaire', 'exercice', 'comptable', 'pièces', 'justificatif',
  'paiement', 'échéance', 'client', 'fournisseur', 'règlement', 'acompte', 'charges', 'sociales', 'salaire', 'paie',
  'clôture', 'trimestre', 'mois', 'dossier', 'contrat', 'devis', 'avoir', 'remboursement', 'frais', 'note',
  'grand livre', 'rapprochement', 'immobilisation', 'amortissement', 'provision', 'stock', 'inventaire', 'caisse',
  'liasse', 'fiscale', 'impôt', 'société', 'CFE', 'URSSAF', 'prélèvement', 'virement', 'chèque', 'emprunt',
  'intérêts', 'capital', 'dividendes', 'assemblée', 'statuts', 'greffe', 'Kbis', 'subvention', 'crédit',
  'exonération', 'redressement', 'contrôle', 'lettrage', 'ventilation', 'écriture', 'journal', 'balance',
  'annexe', 'commissaire', 'prorata', 'autoliquidation']) as word;
select count(*) as n_words from vocabulary \gset

insert into message (id, conversation_id, seq, author_id, html, plain_text, created_at)
select md5(g.id::text || s)::uuid, g.id, s,
       case when s % 2 = 1 then md5('collab' || g.collab_n)::uuid
            else md5('client' || (g.company_n + :n_companies * (abs(hashtext('client' || g.i)) % greatest(:n_clients / :n_companies, 1))))::uuid end,
       '<p>' || t.text || '</p>', t.text,
       g.last_at - (5 - s) * interval '1 hour'
  from conv_gen g cross join generate_series(1, 5) s
  cross join lateral (
    select 'Bonjour, ' || string_agg(v.word, ' ' order by k)
           || case when abs(hashtext(g.i || 'rare' || s)) % 2000 = 0 then ' et affacturage.' else '.' end as text
      from generate_series(1, 8 + (abs(hashtext(g.i || 'len' || s)) % 8)) k
      join vocabulary v on v.n = 1 + floor(:n_words * power((abs(hashtext(g.i || '-' || s || '-' || k)) % 1000003) / 1000003.0, 3))::int
     where k > 0 and s > 0) t;

-- Most conversations are read by their participants; one in four has an unread message.
insert into read_state (person_id, conversation_id, read_count)
select p.person_id, p.conversation_id, case when abs(hashtext(p.person_id::text || p.conversation_id::text)) % 4 = 0 then 4 else 5 end
  from participant p join conv_gen g on g.id = p.conversation_id;
commit;

-- Statistics first: without them the plan of each document's participant lookup is a guess, and a sequential scan of
-- the participants for each of a million conversations ran for more than 25 minutes. With them: about 75 s.
analyze conversation, participant, person, company, attachment;
insert into conversation_search (conversation_id, document)
select id, conversation_search_document(id) from conversation
on conflict (conversation_id) do update set document = excluded.document;
insert into conversation_words (conversation_id, words)
select m.conversation_id, tsvector_union(strip(m.search)) from message m group by m.conversation_id
on conflict (conversation_id) do update set words = excluded.words;
reset session_replication_role;

analyze;
