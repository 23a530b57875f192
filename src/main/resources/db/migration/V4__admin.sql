-- The audit log page filters by actor and by target (a company's external id, a person's e-mail), newest first.
create index audit_entry_actor_idx on audit_entry (actor_id, at desc);
create index audit_entry_target_idx on audit_entry (target, at desc);
