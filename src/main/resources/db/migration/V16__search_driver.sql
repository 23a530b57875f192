-- The conversations that contain the words, read from the full-text indexes: what drives a search for a rare term
-- (ConversationSearch reads it first only when PostgreSQL estimates the term rare). For those words the indexes are
-- always the fastest way; but the estimate of a word that the statistics do not list is a floor (up to 0.5 % of the
-- rows), and from it the planner often chose to read all the messages instead (3 s for a word in 2,400 of 5 million
-- messages, 30 ms through the index). The function's own setting keeps the sequential scan out of its plan only.
create function conversations_containing(words tsquery) returns setof uuid language sql stable
  set enable_seqscan = off as $$
  select m.conversation_id from message m where m.search @@ words
  union
  select s.conversation_id from conversation_search s where s.document @@ words
$$;
