-- Accounts (issue 14): password-reset links share the invitation table (single use, hashed token, expiry), told
-- apart by their purpose.
alter table invitation add column purpose varchar(20) not null default 'INVITATION'
  check (purpose in ('INVITATION', 'RESET'));

-- Personal access tokens expire and have a scope (read, write, admin). Tokens made before keep working as "write"
-- for 90 days from their creation.
alter table access_token add column scope varchar(10) not null default 'write'
  check (scope in ('read', 'write', 'admin'));
alter table access_token add column expires_at timestamptz;
update access_token set expires_at = created_at + interval '90 days';
alter table access_token alter column expires_at set not null;
