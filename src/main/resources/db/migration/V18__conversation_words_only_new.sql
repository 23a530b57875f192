-- A new message writes its conversation's words only when it brings words the conversation did not have yet: past
-- its first messages a conversation's vocabulary grows slowly, and a reply made of known words ("Merci, bien reçu")
-- then costs a read of one row instead of a new version of it.
create or replace function conversation_words_on_message() returns trigger language plpgsql as $$
begin
  insert into conversation_words (conversation_id, words) values (new.conversation_id, strip(new.search))
  on conflict (conversation_id) do update set words = conversation_words.words || excluded.words
   where conversation_words.words || excluded.words <> conversation_words.words;
  return null;
end $$;
