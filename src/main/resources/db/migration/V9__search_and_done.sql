-- Search (French full text) and the per-person "Terminé" state.

-- French-aware text search: accents and case ignored (unaccent), inflections reduced to one stem (French snowball).
-- unaccent is a dictionary of the configuration, so to_tsvector('messages_fr', …) stays immutable and can feed a
-- generated column and its index.
create extension if not exists unaccent;
create text search configuration messages_fr (copy = french);
alter text search configuration messages_fr
  alter mapping for hword, hword_part, word with unaccent, french_stem;
-- The word being typed is also a prefix of unstemmed words: accents and case removed, nothing else.
create text search configuration messages_prefix (copy = simple);
alter text search configuration messages_prefix
  alter mapping for hword, hword_part, word with unaccent, simple;

-- The words of each message, kept next to its text and indexed.
alter table message add column search tsvector generated always as (to_tsvector('messages_fr', plain_text)) stored;
create index message_search_idx on message using gin (search);

-- The words of a conversation outside its messages: subject, company name and number, participants' names, file
-- names. Numbers and file names are split on punctuation ("B-00012" → "B 00012", "bilan_2025.pdf" → "bilan 2025 pdf").
create table conversation_search (
  conversation_id uuid primary key references conversation (id),
  document        tsvector not null
);
create index conversation_search_document_idx on conversation_search using gin (document);

create function conversation_search_document(conversation uuid) returns tsvector language sql stable as $$
  select setweight(to_tsvector('messages_fr', c.subject), 'A')
      || setweight(to_tsvector('messages_fr', coalesce(co.name, '') || ' '
                   || regexp_replace(coalesce(co.external_id, ''), '[^[:alnum:]]+', ' ', 'g')), 'B')
      || setweight(to_tsvector('messages_fr', coalesce((select string_agg(pp.name, ' ')
                                                          from participant p join person pp on pp.id = p.person_id
                                                         where p.conversation_id = c.id), '')), 'B')
      || setweight(to_tsvector('messages_fr', coalesce((select string_agg(
                                                                 regexp_replace(a.name, '[^[:alnum:]]+', ' ', 'g'), ' ')
                                                          from attachment a
                                                         where a.conversation_id = c.id), '')), 'C')
    from conversation c left join company co on co.id = c.company_id
   where c.id = conversation
$$;

-- Kept up to date by the database itself, whoever writes: new conversations, new participants, claimed files, and
-- renamed companies and people.
create function conversation_search_refresh(conversations uuid[]) returns void language sql as $$
  insert into conversation_search (conversation_id, document)
  select id, conversation_search_document(id) from unnest(conversations) id
  on conflict (conversation_id) do update set document = excluded.document
$$;

create function conversation_search_on_conversation() returns trigger language plpgsql as $$
begin
  perform conversation_search_refresh(array[new.id]);
  return null;
end $$;
create trigger conversation_search_on_conversation after insert on conversation
  for each row execute function conversation_search_on_conversation();

create function conversation_search_on_participants() returns trigger language plpgsql as $$
begin
  perform conversation_search_refresh(array(select distinct conversation_id from added));
  return null;
end $$;
create trigger conversation_search_on_participants after insert on participant
  referencing new table as added for each statement execute function conversation_search_on_participants();

create function conversation_search_on_attachments() returns trigger language plpgsql as $$
begin
  perform conversation_search_refresh(array(select distinct conversation_id from claimed
                                              where conversation_id is not null));
  return null;
end $$;
create trigger conversation_search_on_attachments after update on attachment
  referencing new table as claimed for each statement execute function conversation_search_on_attachments();

create function conversation_search_on_company() returns trigger language plpgsql as $$
begin
  perform conversation_search_refresh(array(select id from conversation where company_id = new.id));
  return null;
end $$;
create trigger conversation_search_on_company after update of name, external_id on company
  for each row when (old.name is distinct from new.name or old.external_id is distinct from new.external_id)
  execute function conversation_search_on_company();

create function conversation_search_on_person() returns trigger language plpgsql as $$
begin
  perform conversation_search_refresh(array(select conversation_id from participant where person_id = new.id));
  return null;
end $$;
create trigger conversation_search_on_person after update of name on person
  for each row when (old.name is distinct from new.name) execute function conversation_search_on_person();

select conversation_search_refresh(array(select id from conversation));

-- "Terminé", per person: done while the conversation had message_count messages. A new message makes the
-- conversation's count larger, which brings it back to "À traiter" without writing anything here.
create table conversation_done (
  person_id       uuid        not null references person (id),
  conversation_id uuid        not null references conversation (id),
  message_count   int         not null,
  done_at         timestamptz not null,
  primary key (person_id, conversation_id)
);
