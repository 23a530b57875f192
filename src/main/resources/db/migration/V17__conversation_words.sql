-- The words of all the messages of a conversation, without positions: what a search tests first for each candidate
-- conversation, one row instead of every message of it (a conversation of 1,500 messages was 1,500 rows to read for a
-- word it does not contain). Without positions a phrase cannot be tested here: a search tests its words here, then
-- the phrase itself in the messages (ConversationSearch).
create table conversation_words (
  conversation_id uuid primary key references conversation (id),
  words           tsvector not null
);

create aggregate tsvector_union(tsvector) (sfunc = tsvector_concat, stype = tsvector, initcond = '');

-- Kept up to date by the database itself, as conversation_search is: each new message adds its words, and a changed
-- text (never by the application, which only adds messages) gives its conversations their words again. A message
-- writes the row only when it brings a word the conversation did not have: past its first messages a conversation's
-- vocabulary grows slowly, and a reply of known words ("Merci, bien reçu") costs a read instead of a new row version.
create function conversation_words_on_message() returns trigger language plpgsql as $$
begin
  insert into conversation_words (conversation_id, words) values (new.conversation_id, strip(new.search))
  on conflict (conversation_id) do update set words = conversation_words.words || excluded.words
   where conversation_words.words || excluded.words <> conversation_words.words;
  return null;
end $$;
create trigger conversation_words_on_message after insert on message
  for each row execute function conversation_words_on_message();

create function conversation_words_on_changed_text() returns trigger language plpgsql as $$
begin
  update conversation_words
     set words = (select tsvector_union(strip(m.search)) from message m where m.conversation_id = new.conversation_id)
   where conversation_id = new.conversation_id;
  return null;
end $$;
create trigger conversation_words_on_changed_text after update of plain_text on message
  for each row when (old.plain_text is distinct from new.plain_text)
  execute function conversation_words_on_changed_text();

-- The words of a phrase or of several words that must all be there, without their order: what a tsvector without
-- positions can answer. 'grand' <-> 'livr' becomes 'grand' & 'livr'.
create function tsquery_unordered(query tsquery) returns tsquery language sql immutable strict parallel safe as $$
  select regexp_replace(query::text, '<(-|[0-9]+)>', '&', 'g')::tsquery
$$;

insert into conversation_words (conversation_id, words)
select m.conversation_id, tsvector_union(strip(m.search)) from message m group by m.conversation_id;
