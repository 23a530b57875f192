-- Accounts (issue 14): password-reset links share the invitation table (single use, hashed token, expiry), told
-- apart by their purpose.
alter table invitation add column purpose varchar(20) not null default 'INVITATION'
  check (purpose in ('INVITATION', 'RESET'));
